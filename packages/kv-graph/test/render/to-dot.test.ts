import { describe, expect, test } from 'vitest'
import { toDot } from '../../src/render/index.js'
import type { GraphView } from '../../src/types.js'
import { checkDot } from './check-rendering.js'
import { socialView } from './fixtures.js'
import { dotLayout } from './graphviz-cli.js'

const ref = (type: string, id: string) => ({ type, id })

describe('toDot', () => {
  test('the social view lays out with exactly its nodes, edges and labels', () => {
    expect(checkDot(socialView())).toBe(7 + 11)
    expect(checkDot(socialView(), { showProps: true, title: 'Social graph' })).toBe(18)
  })

  test('defaults to rankdir=LR and rounded boxes; rankdir is an option', () => {
    const dot = toDot(socialView())
    expect(dot).toMatch(/^digraph \{\n {2}rankdir = "LR";/)
    expect(dot).toContain('shape = "box";')
    expect(dot).toContain('style = "rounded";')
    for (const rankdir of ['TB', 'RL', 'BT'] as const) {
      expect(toDot(socialView(), { rankdir })).toContain(`rankdir = "${rankdir}";`)
    }
  })

  test('node ids are generated, never data', () => {
    const view: GraphView = {
      nodes: [
        { type: 'User', id: 'n1', props: {} },
        { type: 'User', id: '"; evil', props: {} },
      ],
      edges: [],
      truncated: false,
    }
    const layout = dotLayout(toDot(view))
    expect(layout.nodes.map((node) => node.name)).toEqual(['n0', 'n1'])
    expect(layout.nodes.map((node) => node.label)).toEqual(['User:n1', 'User:"; evil'])
  })

  test('adds endpoints missing from the view as dashed implicit nodes', () => {
    const view: GraphView = {
      nodes: [{ type: 'User', id: 'alice', props: { name: 'Alice' } }],
      edges: [
        { from: ref('User', 'alice'), type: 'follows', to: ref('User', 'zoe'), props: {} },
        { from: ref('User', 'yann'), type: 'follows', to: ref('User', 'zoe'), props: {} },
      ],
      truncated: true,
    }
    expect(checkDot(view)).toBe(3 + 2)
    const layout = dotLayout(toDot(view, { showProps: true }))
    expect(layout.nodes.map((node) => [node.label, node.style])).toEqual([
      ['User:alice\n{"name":"Alice"}', 'rounded'],
      ['User:zoe', 'rounded,dashed'],
      ['User:yann', 'rounded,dashed'],
    ])
  })

  test('keeps multi-edges and self-loops, and draws a repeated node once', () => {
    const a = ref('T', 'a')
    const view: GraphView = {
      nodes: [
        { ...a, props: { first: true } },
        { ...a, props: { second: true } },
      ],
      edges: [
        { from: a, type: 'self', to: a, props: {} },
        { from: a, type: 'self', to: a, props: {} },
        { from: a, type: 'to-b', to: ref('T', 'b'), props: {} },
        { from: a, type: 'to-b', to: ref('T', 'b'), props: { n: 2 } },
      ],
      truncated: false,
    }
    expect(checkDot(view, { showProps: true })).toBe(2 + 4)
    const layout = dotLayout(toDot(view, { showProps: true }))
    expect(layout.nodes[0]!.label).toBe('T:a\n{"first":true}')
    expect(layout.edges.map((edge) => [edge.tail, edge.head, edge.label])).toEqual([
      ['n0', 'n0', 'self'],
      ['n0', 'n0', 'self'],
      ['n0', 'n1', 'to-b'],
      ['n0', 'n1', 'to-b\n{"n":2}'],
    ])
  })

  test('an empty view is an empty digraph', () => {
    expect(checkDot({ nodes: [], edges: [], truncated: false })).toBe(0)
  })

  test('an edge without a type and props gets no label', () => {
    const view: GraphView = {
      nodes: [],
      edges: [{ from: ref('A', '1'), type: '', to: ref('A', '2'), props: {} }],
      truncated: false,
    }
    expect(toDot(view)).not.toMatch(/-> "n1" \[/)
    expect(checkDot(view)).toBe(3)
  })

  test('props are compact JSON cut at 48 characters with an ellipsis', () => {
    const view: GraphView = {
      nodes: [{ type: 'Post', id: '1', props: { title: 'x'.repeat(100) } }],
      edges: [],
      truncated: false,
    }
    const [node] = dotLayout(toDot(view, { showProps: true })).nodes
    expect(node!.label).toBe(`Post:1\n{"title":"${'x'.repeat(37)}…`)
    expect(node!.label.split('\n')[1]).toHaveLength(48)
  })

  test('backslashes, quotes and HTML-shaped text stay plain label text', () => {
    const view: GraphView = {
      nodes: [
        { type: 'A', id: 'trailing\\', props: {} },
        { type: '<b', id: 'bold>', props: {} },
        { type: 'A', id: '\\N\\G "q" \\"', props: {} },
        { type: 'A', id: 'two\nlines\r\nthree', props: {} },
      ],
      edges: [],
      truncated: false,
    }
    const dot = toDot(view)
    expect(dot).not.toMatch(/label = </)
    expect(dotLayout(dot).nodes.map((node) => node.label)).toEqual([
      'A:trailing\\',
      '<b:bold>',
      'A:\\N\\G "q" \\"',
      'A:two\nlines\nthree',
    ])
  })
})
