import type { NodeRef } from '@kvgraph/graph'
import fc from 'fast-check'

/** Ids and types that exercise the key codec: separators, escapes, quotes, emoji, near-empty. */
export const TRICKY = [
  'a',
  'b',
  'a/b',
  'a:b',
  '\0',
  '\0\0',
  'a\0',
  '\0a',
  '\x01',
  '\0\x01',
  '"',
  "'",
  '\\',
  '😀',
  'é',
  '\uffff',
  ' ',
  'g/o/',
  'User',
]

const part = fc.oneof(
  { weight: 3, arbitrary: fc.constantFrom(...TRICKY) },
  { weight: 1, arbitrary: fc.string({ unit: 'grapheme', minLength: 1, maxLength: 4 }) },
  { weight: 1, arbitrary: fc.string({ unit: 'binary', minLength: 1, maxLength: 3 }) },
)

export const nodeRefArb: fc.Arbitrary<NodeRef> = fc.record({
  type: fc.oneof(fc.constantFrom('User', 'Post', 'a\0', 'a'), part),
  id: part,
})

export const EDGE_TYPES = ['follows', 'likes', 'a\0', 'a', 'x/y']

export interface RandomEdge {
  from: number
  type: string
  to: number
  /** A weight with an exact binary representation, so sums do not depend on their order. */
  w: number
}

export interface RandomGraph {
  nodes: NodeRef[]
  /** May repeat (from, type, to): the last one wins, as in the store. */
  edges: RandomEdge[]
}

/** Small graphs: up to 12 distinct nodes and 30 edges, with multi-edges, self-loops and cycles. */
export const randomGraphArb: fc.Arbitrary<RandomGraph> = fc
  .uniqueArray(nodeRefArb, {
    minLength: 1,
    maxLength: 12,
    selector: (node) => JSON.stringify([node.type, node.id]),
  })
  .chain((nodes) =>
    fc.record({
      nodes: fc.constant(nodes),
      edges: fc.array(
        fc.record({
          from: fc.nat(nodes.length - 1),
          type: fc.constantFrom(...EDGE_TYPES),
          to: fc.nat(nodes.length - 1),
          w: fc.integer({ min: 0, max: 20 }).map((n) => n / 2),
        }),
        { maxLength: 30 },
      ),
    }),
  )

/** The edges as stored: one per (from, type, to), the last write winning. */
export function storedEdges(graph: RandomGraph): RandomEdge[] {
  const byKey = new Map<string, RandomEdge>()
  for (const edge of graph.edges)
    byKey.set(`${edge.from} ${JSON.stringify(edge.type)} ${edge.to}`, edge)
  return [...byKey.values()]
}
