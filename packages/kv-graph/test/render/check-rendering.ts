import { expect } from 'vitest'
import { type DotOptions, type MermaidOptions, toDot, toMermaid } from '../../src/render/index.js'
import type { GraphView } from '../../src/types.js'
import { expectedDrawing, expectedText, expectLabel } from './expected.js'
import { dotLayout, runDot } from './graphviz-cli.js'
import { inspectXml } from './jsdom.js'
import { decodeMermaidText, parseFlowchart } from './mermaid-in-node.js'

/**
 * Draws the view with toDot, has the real `dot` lay it out, and asserts Graphviz saw exactly the
 * view's distinct nodes and its edges, with the intended labels. Returns how many labels it
 * checked.
 */
export function checkDot(view: GraphView, options: DotOptions = {}): number {
  const expected = expectedDrawing(view)
  const layout = dotLayout(toDot(view, options))
  const showProps = options.showProps ?? false
  expect(layout.subgraphs).toBe(0)
  expect(layout.nodes.length).toBe(expected.nodes.length)
  expect(layout.edges.length).toBe(expected.edges.length)
  expected.nodes.forEach((node, i) => {
    const actual = layout.nodes[i]!
    expect(actual.name).toBe(`n${i}`)
    expectLabel(actual.label, node, showProps)
    expect(actual.style).toBe(node.implicit ? 'rounded,dashed' : 'rounded')
  })
  // Graphviz lists edges by tail, then head, then creation order (cgraph's edge sets).
  const byEndpoints = expected.edges
    .map((edge, index) => ({ edge, index }))
    .sort((a, b) => a.edge.from - b.edge.from || a.edge.to - b.edge.to || a.index - b.index)
  byEndpoints.forEach(({ edge }, i) => {
    const actual = layout.edges[i]!
    expect([actual.tail, actual.head]).toEqual([`n${edge.from}`, `n${edge.to}`])
    expectLabel(actual.label, edge, showProps)
  })
  expect(layout.label).toBe(options.title === undefined ? undefined : expectedText(options.title))
  return expected.nodes.length + expected.edges.length
}

/**
 * Renders the view's DOT to SVG with the real `dot` and asserts the SVG is well-formed XML with
 * one group per node and per edge, and no script, link, foreign object or event handler.
 */
export async function checkDotSvg(view: GraphView, options: DotOptions = {}) {
  const svg = runDot(toDot(view, options), 'svg')
  // Raw `<` cannot come from label text, which Graphviz escapes as XML.
  expect(svg).not.toMatch(/<script|<a[\s>]/i)
  const found = await inspectXml(svg, (doc) => ({
    nodes: doc.querySelectorAll('g.node').length,
    edges: doc.querySelectorAll('g.edge').length,
    active: Array.from(doc.querySelectorAll('*')).flatMap((element) => [
      ...(/^(script|a|foreignobject|iframe)$/i.test(element.tagName) ? [element.tagName] : []),
      ...element.getAttributeNames().filter((name) => /^on|href$/i.test(name)),
    ]),
  }))
  expect(found).toEqual({
    nodes: expectedDrawing(view).nodes.length,
    edges: view.edges.length,
    active: [],
  })
  return svg
}

/**
 * Draws the view with toMermaid, parses it with Mermaid's own parser, and asserts Mermaid saw
 * exactly the view's distinct nodes and edges, with the intended labels, and nothing else: no
 * directive config, click handler, link, tooltip, subgraph, title or class from data. Returns
 * how many labels it checked.
 */
export async function checkMermaid(view: GraphView, options: MermaidOptions = {}) {
  const expected = expectedDrawing(view)
  const text = toMermaid(view, options)
  const showProps = options.showProps ?? false
  const chart = await parseFlowchart(text)
  expect(chart.parsed).toEqual({ diagramType: 'flowchart-v2', config: {} })
  expect(chart.type).toBe('flowchart-v2')
  expect(chart.db.getDirection()).toBe(options.direction ?? 'LR')
  expect(chart.vertices.length).toBe(expected.nodes.length)
  expect(chart.edges.length).toBe(expected.edges.length)
  expected.nodes.forEach((node, i) => {
    const vertex = chart.vertices[i]!
    expect(vertex.id).toBe(`n${i}`)
    expect(vertex.type).toBe('round')
    expect(vertex.labelType).toBe('string')
    expect(vertex.classes).toEqual(node.implicit ? ['implicit'] : [])
    expect(vertex.styles).toEqual([])
    expect(vertex.link).toBeUndefined()
    expect(vertex.haveCallback).toBeUndefined()
    expect(chart.db.getTooltip(vertex.id)).toBeUndefined()
    expectLabel(decodeMermaidText(vertex.text ?? ''), node, showProps)
  })
  expected.edges.forEach((edge, i) => {
    const actual = chart.edges[i]!
    expect([actual.start, actual.end]).toEqual([`n${edge.from}`, `n${edge.to}`])
    expect(actual.classes).toEqual([])
    expectLabel(decodeMermaidText(actual.text), edge, showProps)
  })
  const implicit = expected.nodes.some((node) => node.implicit)
  expect([...chart.db.getClasses().keys()]).toEqual(implicit ? ['implicit'] : [])
  expect(chart.db.getSubGraphs()).toEqual([])
  expect(chart.db.getDiagramTitle()).toBe('')
  expect(chart.db.getAccTitle()).toBe('')
  expect(chart.db.getAccDescription()).toBe('')
  return expected.nodes.length + expected.edges.length
}
