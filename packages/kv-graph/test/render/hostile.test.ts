import { describe, expect, test } from 'vitest'
import type { Edge, GraphView } from '../../src/types.js'
import { checkDot, checkDotSvg, checkMermaid } from './check-rendering.js'
import { hostileStrings } from './fixtures.js'

/** Every hostile string as a node type, a node id, an edge type, a props key and a props value. */
function hostileView(): GraphView {
  const nodes = hostileStrings.flatMap((text, i) => [
    { type: 'User', id: text, props: { [text]: text } },
    { type: text, id: `id${i}`, props: {} },
  ])
  const edges: Edge[] = hostileStrings.map((text, i) => ({
    from: { type: 'User', id: text },
    type: text,
    to: { type: text, id: `id${i}` },
    props: { note: text },
  }))
  // One edge to a node the view lacks, whose id is hostile too.
  edges.push({ from: nodes[0]!, type: '-->', to: { type: 'Ghost', id: '"]\\' }, props: {} })
  return { nodes, edges, truncated: false }
}

const single = (text: string): GraphView => ({
  nodes: [{ type: text, id: text, props: { [text]: text } }],
  edges: [{ from: { type: text, id: text }, type: text, to: { type: text, id: text }, props: {} }],
  truncated: false,
})

describe('hostile strings', () => {
  test('DOT: one graph of all of them lays out exactly, also with props and a title', async () => {
    const view = hostileView()
    const labels = 2 * hostileStrings.length + 1 + view.edges.length
    expect(checkDot(view)).toBe(labels)
    for (const title of ['%%{init: {}}%%', '"\\', '<script>alert(1)</script>']) {
      expect(checkDot(view, { showProps: true, title })).toBe(labels)
    }
    const svg = await checkDotSvg(view, { showProps: true, title: '<script>alert(1)</script>' })
    expect(svg).toContain('&lt;script&gt;alert(1)&lt;/script&gt;')
  })

  test('Mermaid: one graph of all of them parses exactly, also with props', async () => {
    const view = hostileView()
    const labels = 2 * hostileStrings.length + 1 + view.edges.length
    expect(await checkMermaid(view)).toBe(labels)
    expect(await checkMermaid(view, { showProps: true, direction: 'TB' })).toBe(labels)
  })

  test.each(hostileStrings.map((text) => [JSON.stringify(text).slice(0, 40), text]))(
    'each alone: %s',
    async (_, text) => {
      expect(checkDot(single(text), { showProps: true, title: text })).toBe(2)
      expect(await checkMermaid(single(text), { showProps: true })).toBe(2)
    },
  )
})
