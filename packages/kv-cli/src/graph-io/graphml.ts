import type { Edge, NodeRef, Props } from '@kvgraph/graph'
import { escapeXml, xmlSafeJson } from './xml.js'

/**
 * GraphML writing. Node ids are `JSON.stringify([type, id])` (the graphology key of the node),
 * which identifies a node exactly whatever its type and id contain; `type`, `id` and `props`
 * (compact JSON) are data. Edges carry `type` and `props`.
 */
export const GRAPHML_HEADER = `<?xml version="1.0" encoding="UTF-8"?>
<graphml xmlns="http://graphml.graphdrawing.org/xmlns" xmlns:xsi="http://www.w3.org/2001/XMLSchema-instance" xsi:schemaLocation="http://graphml.graphdrawing.org/xmlns http://graphml.graphdrawing.org/xmlns/1.0/graphml.xsd">
  <key id="node_type" for="node" attr.name="type" attr.type="string"/>
  <key id="node_id" for="node" attr.name="id" attr.type="string"/>
  <key id="node_props" for="node" attr.name="props" attr.type="string"/>
  <key id="edge_type" for="edge" attr.name="type" attr.type="string"/>
  <key id="edge_props" for="edge" attr.name="props" attr.type="string"/>
  <graph id="G" edgedefault="directed">
`

export const GRAPHML_FOOTER = `  </graph>
</graphml>
`

function nodeId(node: NodeRef): string {
  return escapeXml(xmlSafeJson([node.type, node.id]))
}

export function graphmlNode(node: NodeRef, props: Props | undefined): string {
  const data =
    `      <data key="node_type">${escapeXml(node.type)}</data>\n` +
    `      <data key="node_id">${escapeXml(node.id)}</data>\n` +
    (props === undefined
      ? ''
      : `      <data key="node_props">${escapeXml(xmlSafeJson(props))}</data>\n`)
  return `    <node id="${nodeId(node)}">\n${data}    </node>\n`
}

export function graphmlEdge(edge: Edge): string {
  return (
    `    <edge source="${nodeId(edge.from)}" target="${nodeId(edge.to)}">\n` +
    `      <data key="edge_type">${escapeXml(edge.type)}</data>\n` +
    `      <data key="edge_props">${escapeXml(xmlSafeJson(edge.props))}</data>\n` +
    '    </edge>\n'
  )
}
