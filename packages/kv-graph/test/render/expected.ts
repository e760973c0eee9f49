import { expect } from 'vitest'
import type { GraphView, Props } from '../../src/types.js'

export interface ExpectedLabel {
  /** The exact first part: `Type:id` for nodes, the edge type for edges. */
  head: string
  props: Props
}

export interface ExpectedDrawing {
  nodes: (ExpectedLabel & { implicit: boolean })[]
  edges: (ExpectedLabel & { from: number; to: number })[]
}

/**
 * The text a label should show, stated independently of the source: line breaks normalised to
 * LF, other C0 controls and DEL as Unicode control pictures, lone surrogates and U+FFFE/U+FFFF
 * as U+FFFD.
 */
export function expectedText(text: string): string {
  let out = ''
  for (const char of text.replace(/\r\n|\r/g, '\n')) {
    const code = char.codePointAt(0)!
    if ((code >= 0xd800 && code <= 0xdfff) || code === 0xfffe || code === 0xffff) out += '\ufffd'
    else if (code === 0x7f) out += '\u2421'
    else if (code < 0x20 && char !== '\n' && char !== '\t')
      out += String.fromCodePoint(0x2400 + code)
    else out += char
  }
  return out
}

/** Distinct nodes (view nodes first, then edge endpoints the view lacks) and edges by index. */
export function expectedDrawing(view: GraphView): ExpectedDrawing {
  const nodes: ExpectedDrawing['nodes'] = []
  const index = new Map<string, Map<string, number>>()
  const add = (type: string, id: string, props: Props, implicit: boolean) => {
    const ids = index.get(type) ?? new Map<string, number>()
    index.set(type, ids)
    const found = ids.get(id)
    if (found !== undefined) return found
    ids.set(id, nodes.length)
    nodes.push({ head: `${expectedText(type)}:${expectedText(id)}`, props, implicit })
    return nodes.length - 1
  }
  for (const node of view.nodes) add(node.type, node.id, node.props, false)
  const edges = view.edges.map((edge) => ({
    from: add(edge.from.type, edge.from.id, {}, true),
    to: add(edge.to.type, edge.to.id, {}, true),
    head: expectedText(edge.type),
    props: edge.props,
  }))
  return { nodes, edges }
}

const graphemes = new Intl.Segmenter(undefined, { granularity: 'grapheme' })

/**
 * Asserts a decoded label: exactly `head` without props; with props, `head` and a line of
 * compact JSON, either whole or cut to 48 graphemes ending with an ellipsis.
 */
export function expectLabel(actual: string, expected: ExpectedLabel, showProps: boolean) {
  const hasProps = Object.keys(expected.props).length > 0
  if (!showProps || !hasProps) {
    expect(actual).toBe(expected.head)
    return
  }
  const json = expectedText(JSON.stringify(expected.props))
  const prefix = expected.head === '' ? '' : `${expected.head}\n`
  expect(actual.startsWith(prefix), `${JSON.stringify(actual)} starts with the head`).toBe(true)
  const shown = actual.slice(prefix.length)
  if (shown === json) return
  expect(shown.endsWith('…'), `${JSON.stringify(shown)} is cut with an ellipsis`).toBe(true)
  expect(json.startsWith(shown.slice(0, -1)), `${JSON.stringify(shown)} is a prefix`).toBe(true)
  // 47 graphemes of the JSON, then the ellipsis (which could join a trailing prepend mark).
  expect(Array.from(graphemes.segment(shown.slice(0, -1))).length).toBe(47)
}
