import { describe, GraphError } from '../errors.js'
import type { EdgeRef, Weight } from '../graph-types.js'
import { type AdjList, isReversed } from '../reading/adjacency.js'
import type { Edge, Props } from '../types.js'

/** Names the stored edge behind an adjacency entry (to weigh it, or to report a bad weight). */
export interface EdgeNamer {
  edge(owner: number, type: number, other: number, reversed: boolean): EdgeRef
}

/** The weight of entry `j` of `owner`'s adjacency list: a finite number >= 0, or it throws. */
export type Weigher = (owner: number, list: AdjList, j: number) => number

/**
 * Turns the `weight` option into a weigher. Weights are read from each edge the search follows;
 * a negative, non-finite or non-numeric weight is a GRAPH_INVALID_WEIGHT naming the edge.
 */
export function weigher(edges: EdgeNamer, weight: Weight): Weigher {
  const edgeOf = (owner: number, list: AdjList, j: number): Edge => ({
    ...edges.edge(owner, list.types[j]!, list.nodes[j]!, isReversed(list, j)),
    props: (list.props as Props[])[j]!,
  })
  if (typeof weight === 'string') {
    return (owner, list, j) => {
      const value = (list.props as Props[])[j]![weight]
      if (typeof value === 'number' && value >= 0 && value < Number.POSITIVE_INFINITY) return value
      throw invalidWeight(edgeOf(owner, list, j), `property ${JSON.stringify(weight)}`, value)
    }
  }
  return (owner, list, j) => {
    const edge = edgeOf(owner, list, j)
    const value: unknown = weight(edge)
    if (typeof value === 'number' && value >= 0 && value < Number.POSITIVE_INFINITY) return value
    throw invalidWeight(edge, 'the weight function', value)
  }
}

function invalidWeight(edge: Edge, source: string, value: unknown): GraphError {
  const show = (node: { type: string; id: string }) =>
    `${JSON.stringify(node.type)}:${JSON.stringify(node.id)}`
  return new GraphError(
    'GRAPH_INVALID_WEIGHT',
    `graph.shortestPath: weight of edge ${show(edge.from)} -[${JSON.stringify(edge.type)}]-> ${show(edge.to)}: ${source} gave ${describe(value)}; a weight must be a finite number >= 0`,
  )
}
