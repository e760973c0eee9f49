import { describe, expect, test } from 'vitest'
import { toMermaid } from '../../src/render/index.js'
import type { GraphView } from '../../src/types.js'
import { checkMermaid } from './check-rendering.js'
import { socialView } from './fixtures.js'
import { decodeMermaidText, parseFlowchart } from './mermaid-in-node.js'

const ref = (type: string, id: string) => ({ type, id })

describe('toMermaid', () => {
  test('the social view parses with exactly its nodes, edges and labels', async () => {
    expect(await checkMermaid(socialView())).toBe(7 + 11)
    expect(await checkMermaid(socialView(), { showProps: true })).toBe(18)
  })

  test('defaults to flowchart LR with rounded nodes; direction is an option', async () => {
    const text = toMermaid(socialView())
    expect(text.split('\n')[0]).toBe('flowchart LR')
    expect(text).toContain('  n0("User:alice")\n')
    expect(text).toContain('  n0 -->|"follows"| n1\n')
    for (const direction of ['TB', 'RL', 'BT'] as const) {
      expect(await checkMermaid(socialView(), { direction })).toBe(18)
    }
  })

  test('node ids are generated, never data', async () => {
    const view: GraphView = {
      nodes: [
        { type: 'User', id: 'end', props: {} },
        { type: 'click', id: 'n0', props: {} },
      ],
      edges: [],
      truncated: false,
    }
    const chart = await parseFlowchart(toMermaid(view))
    expect(chart.vertices.map((vertex) => vertex.id)).toEqual(['n0', 'n1'])
    expect(chart.vertices.map((vertex) => decodeMermaidText(vertex.text!))).toEqual([
      'User:end',
      'click:n0',
    ])
  })

  test('adds endpoints missing from the view as implicit nodes (class implicit)', async () => {
    const view: GraphView = {
      nodes: [{ type: 'User', id: 'alice', props: {} }],
      edges: [
        { from: ref('User', 'alice'), type: 'follows', to: ref('User', 'zoe'), props: {} },
        { from: ref('User', 'yann'), type: 'follows', to: ref('User', 'zoe'), props: {} },
      ],
      truncated: true,
    }
    expect(await checkMermaid(view)).toBe(3 + 2)
    expect(toMermaid(view)).toContain('  class n1,n2 implicit\n')
  })

  test('keeps multi-edges and self-loops, and draws a repeated node once', async () => {
    const a = ref('T', 'a')
    const view: GraphView = {
      nodes: [
        { ...a, props: {} },
        { ...a, props: {} },
      ],
      edges: [
        { from: a, type: 'self', to: a, props: {} },
        { from: a, type: 'self', to: a, props: {} },
        { from: a, type: 'to-b', to: ref('T', 'b'), props: {} },
        { from: a, type: 'to-b', to: ref('T', 'b'), props: {} },
      ],
      truncated: false,
    }
    expect(await checkMermaid(view)).toBe(2 + 4)
  })

  test('an empty view is an empty flowchart', async () => {
    expect(toMermaid({ nodes: [], edges: [], truncated: false })).toBe('flowchart LR\n')
    expect(await checkMermaid({ nodes: [], edges: [], truncated: false })).toBe(0)
  })

  test('an edge without a type and props is drawn without a label', async () => {
    const view: GraphView = {
      nodes: [],
      edges: [{ from: ref('A', '1'), type: '', to: ref('A', '2'), props: {} }],
      truncated: false,
    }
    expect(toMermaid(view)).toContain('  n0 --> n1\n')
    expect(await checkMermaid(view)).toBe(3)
  })

  test('encodes markup as entity codes and line breaks as <br>', () => {
    const view: GraphView = {
      nodes: [{ type: 'A', id: ' "x"\n#quot; <b>|;]{}%\\ ', props: {} }],
      edges: [],
      truncated: false,
    }
    expect(toMermaid(view)).toContain(
      '  n0("A: #34;x#34;<br>#35;quot#59; #60;b#62;#124;#59;#93;#123;#125;#37;#92;#32;")\n',
    )
  })
})
