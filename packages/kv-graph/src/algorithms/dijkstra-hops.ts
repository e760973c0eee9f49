import { limitExceeded } from '../errors.js'
import { isReversed } from '../reading/adjacency.js'
import type { AdjacencyReader } from '../reading/adjacency-reader.js'
import type { Scope } from '../reading/scope.js'
import { BinaryHeap } from './binary-heap.js'
import type { RawPath } from './paths.js'
import type { Weigher } from './weights.js'

export interface HopLimitedParams {
  scope: Scope
  /** Follows edges away from the source (reads props). */
  reader: AdjacencyReader
  source: number
  target: number
  weigh: Weigher
  /** Longest path allowed, in hops. */
  maxDepth: number
  /** Search states (node, hops) it may settle. */
  maxNodes: number
}

const READ_AHEAD = 32
const HEAP_WINDOW = 64

/**
 * Cheapest path of at most `maxDepth` edges: Dijkstra over states (node, hops). A state is
 * skipped when its node was settled already with no more hops (that state was no more
 * expensive), so each node is expanded at most maxDepth + 1 times, with ever fewer hops.
 * Resolves undefined when no path exists at any length; throws GRAPH_LIMIT_EXCEEDED when a
 * longer path might exist but maxDepth stopped the search first.
 */
export async function dijkstraWithinHops(params: HopLimitedParams): Promise<RawPath | undefined> {
  const { scope, reader, source, target, weigh, maxDepth, maxNodes } = params
  scope.throwIfAborted('shortestPath')
  if (source === target) return { nodes: [source], edges: [], cost: 0 }
  const node: number[] = [source]
  const hops: number[] = [0]
  const via: number[] = [-1]
  const type: number[] = [-1]
  const reversed: boolean[] = [false]
  const fewestHops = scope.array(Number.POSITIVE_INFINITY)
  const heap = new BinaryHeap()
  heap.push(0, 0)
  const cut: number[] = []
  let settled = 0
  while (heap.size > 0) {
    const d = heap.topPriority
    const state = heap.pop()
    const v = node[state]!
    const h = hops[state]!
    if (fewestHops.get(v) <= h) continue
    fewestHops.set(v, h)
    if (++settled > maxNodes) throw limitExceeded('maxNodes', maxNodes, 'shortestPath')
    if (v === target) return pathOf(state, d)
    if (h >= maxDepth) {
      cut.push(v)
      continue
    }
    scope.throwIfAborted('shortestPath')
    const [list] = await reader.read([v], reader.isCached(v) ? [] : ahead(), true)
    for (let j = 0; j < list!.nodes.length; j++) {
      const w = list!.nodes[j]!
      if (fewestHops.get(w) <= h + 1) continue
      const cost = d + weigh(v, list!, j)
      node.push(w)
      hops.push(h + 1)
      via.push(state)
      type.push(list!.types[j]!)
      reversed.push(isReversed(list!, j))
      heap.push(cost, node.length - 1)
    }
  }
  // No path within maxDepth. Every settled node was expanded or cut off at maxDepth; the search
  // is undecided only if a cut-off node leads to a node it never settled.
  for (let at = 0; at < cut.length; at += 256) {
    const lists = await reader.read(cut.slice(at, at + 256), [], true)
    for (const list of lists) {
      for (const w of list.nodes) {
        if (fewestHops.get(w) === Number.POSITIVE_INFINITY) {
          throw limitExceeded('maxDepth', maxDepth, 'shortestPath')
        }
      }
    }
  }
  return undefined

  function ahead(): number[] {
    const ids: number[] = []
    const n = Math.min(heap.size, HEAP_WINDOW)
    for (let i = 0; i < n && ids.length < READ_AHEAD; i++) {
      const state = heap.idAt(i)
      const id = node[state]!
      if (hops[state]! < maxDepth && fewestHops.get(id) > hops[state]! && !ids.includes(id)) {
        ids.push(id)
      }
    }
    return ids
  }

  function pathOf(state: number, cost: number): RawPath {
    const nodes: number[] = []
    const edges: RawPath['edges'] = []
    for (let at = state; at >= 0; at = via[at]!) {
      nodes.push(node[at]!)
      const from = via[at]!
      if (from >= 0) {
        const a = node[from]!
        const b = node[at]!
        edges.push(
          reversed[at] ? { from: b, type: type[at]!, to: a } : { from: a, type: type[at]!, to: b },
        )
      }
    }
    return { nodes: nodes.reverse(), edges: edges.reverse(), cost }
  }
}
