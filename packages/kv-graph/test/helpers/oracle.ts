import type { EdgeDirection, NodeRef } from '@kvgraph/graph'
import { DirectedGraph, MultiDirectedGraph } from 'graphology'
import type { RandomEdge } from './random-graph.js'

/** The graphology key of a node (never empty, unlike ids graphology mishandles). */
export const keyOf = (node: NodeRef) => JSON.stringify([node.type, node.id])

/**
 * The graph as graphology sees it for one direction and type filter: 'in' reverses every edge
 * and 'both' holds each edge both ways, so outbound traversals in graphology match ours.
 */
export function oracleGraph(
  nodes: NodeRef[],
  edges: RandomEdge[],
  direction: EdgeDirection,
  types?: string[],
): MultiDirectedGraph {
  const graph = new MultiDirectedGraph()
  for (const node of nodes) graph.addNode(keyOf(node))
  for (const edge of edges) {
    if (types && !types.includes(edge.type)) continue
    const from = keyOf(nodes[edge.from]!)
    const to = keyOf(nodes[edge.to]!)
    if (direction !== 'in') graph.addEdge(from, to, { w: edge.w })
    if (direction !== 'out') graph.addEdge(to, from, { w: edge.w })
  }
  return graph
}

/**
 * graphology's weighted shortest paths return node paths and follow the first of parallel
 * edges when they rebuild one: the weighted oracle keeps only the lightest edge per pair.
 */
export function lightestEdgeGraph(multi: MultiDirectedGraph): DirectedGraph {
  const graph = new DirectedGraph()
  multi.forEachNode((node) => graph.addNode(node))
  multi.forEachEdge((_edge, attributes, source, target) => {
    const w = attributes.w as number
    if (!graph.hasEdge(source, target)) graph.addEdge(source, target, { w })
    else if (w < (graph.getEdgeAttribute(source, target, 'w') as number)) {
      graph.setEdgeAttribute(source, target, 'w', w)
    }
  })
  return graph
}

/** The cost of a node path in the lightest-edge graph. */
export function pathCost(graph: DirectedGraph, path: string[]): number {
  let cost = 0
  for (let i = 0; i + 1 < path.length; i++) {
    cost += graph.getEdgeAttribute(path[i]!, path[i + 1]!, 'w') as number
  }
  return cost
}
