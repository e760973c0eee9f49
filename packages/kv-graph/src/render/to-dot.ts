import { Digraph, Edge, Node, toDot as printDot } from 'ts-graphviz'
import type { GraphView } from '../types.js'
import { checkView } from './check-view.js'
import { dotLabel } from './dot-escape.js'
import { toDrawable } from './drawable-graph.js'
import { displayText, edgeLabel, nodeLabel } from './labels.js'
import { type CheckedDotOptions, checkDotOptions, type DotOptions } from './options.js'

/**
 * Draws a view as Graphviz DOT text. Node ids are generated (`n0`, `n1`, … in view order), so
 * data only ever appears inside quoted, escaped labels. Nodes that edges reference but the view
 * lacks are added, drawn dashed.
 *
 * @example
 * const dot = toDot(view, { rankdir: 'TB', showProps: true, title: 'Friends of alice' })
 */
export function toDot(view: GraphView, options?: DotOptions): string {
  return drawDot('toDot', view, checkDotOptions('toDot', options))
}

/** toDot after its options are checked; also used by renderSvg and renderPng. */
export function drawDot(where: string, view: unknown, options: CheckedDotOptions): string {
  const { rankdir, showProps, title } = options
  checkView(where, view)
  const drawable = toDrawable(view)

  const graph = new Digraph({ rankdir })
  if (title !== undefined) {
    graph.set('label', dotLabel(displayText(title)))
    graph.set('labelloc', 't')
  }
  graph.attributes.node.set('shape', 'box')
  graph.attributes.node.set('style', 'rounded')

  const nodes = drawable.nodes.map((node, i) => {
    const label = dotLabel(nodeLabel(node, showProps))
    const model = new Node(`n${i}`, node.implicit ? { label, style: 'rounded,dashed' } : { label })
    graph.addNode(model)
    return model
  })
  for (const edge of drawable.edges) {
    const label = edgeLabel(edge, showProps)
    graph.addEdge(
      new Edge(
        [nodes[edge.from]!, nodes[edge.to]!],
        label === '' ? {} : { label: dotLabel(label) },
      ),
    )
  }
  return printDot(graph)
}
