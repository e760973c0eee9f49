import type { EdgeDirection } from '@kvgraph/graph'
import type { RandomEdge } from './random-graph.js'

/** A plain adjacency list over node indexes, for the reference algorithms. */
export interface Arc {
  to: number
  w: number
}

/** Arcs to follow for a direction and an edge type filter. */
export function arcsOf(
  count: number,
  edges: RandomEdge[],
  direction: EdgeDirection,
  types?: string[],
): Arc[][] {
  const arcs: Arc[][] = Array.from({ length: count }, () => [])
  for (const edge of edges) {
    if (types && !types.includes(edge.type)) continue
    if (direction !== 'in') arcs[edge.from]!.push({ to: edge.to, w: edge.w })
    if (direction !== 'out') arcs[edge.to]!.push({ to: edge.from, w: edge.w })
  }
  return arcs
}

/** Hops from `start` to every reachable node (within maxDepth). */
export function referenceBfs(
  arcs: Arc[][],
  start: number,
  maxDepth = Infinity,
): Map<number, number> {
  const depth = new Map([[start, 0]])
  let frontier = [start]
  for (let d = 0; frontier.length > 0 && d < maxDepth; d++) {
    const next: number[] = []
    for (const u of frontier) {
      for (const { to } of arcs[u]!) {
        if (!depth.has(to)) {
          depth.set(to, d + 1)
          next.push(to)
        }
      }
    }
    frontier = next
  }
  return depth
}

/** Least total weight from `start` to every reachable node (simple O(n^2) Dijkstra). */
export function referenceDijkstra(arcs: Arc[][], start: number): Map<number, number> {
  const dist = new Map([[start, 0]])
  const done = new Set<number>()
  for (;;) {
    let u = -1
    for (const [node, d] of dist) if (!done.has(node) && (u < 0 || d < dist.get(u)!)) u = node
    if (u < 0) return dist
    done.add(u)
    for (const { to, w } of arcs[u]!) {
      const d = dist.get(u)! + w
      if (!dist.has(to) || d < dist.get(to)!) dist.set(to, d)
    }
  }
}

/** Least total weight from `start` using at most `hops` edges (Bellman-Ford, `hops` rounds). */
export function referenceWithinHops(
  arcs: Arc[][],
  start: number,
  hops: number,
): Map<number, number> {
  let dist = new Map([[start, 0]])
  for (let round = 0; round < hops; round++) {
    const next = new Map(dist)
    for (const [u, d] of dist) {
      for (const { to, w } of arcs[u]!) {
        if (!next.has(to) || d + w < next.get(to)!) next.set(to, d + w)
      }
    }
    dist = next
  }
  return dist
}
