import { limitExceeded, throwIfAborted } from '../errors.js'
import { isReversed } from '../reading/adjacency.js'
import { BinaryHeap } from './binary-heap.js'
import { heapAhead } from './heap-ahead.js'
import { answerAtOnce, type PathSearch } from './path-search.js'
import type { RawPath } from './paths.js'
import { pauseThrowing } from './pauses.js'
import type { Weigher } from './weights.js'

export interface HopLimitedParams extends Omit<PathSearch, 'backward'> {
  /** Reads props: the weigher reads the weight from them. */
  weigh: Weigher
  /** Longest path allowed, in hops. */
  maxDepth: number
}

/**
 * Cheapest path of at most `maxDepth` edges: Dijkstra over states (node, hops). A state is
 * skipped when its node was settled already with no more hops (that state was no more
 * expensive), so each node is expanded at most maxDepth + 1 times, with ever fewer hops.
 * Resolves undefined when no path exists at any length; throws GRAPH_LIMIT_EXCEEDED when a
 * longer path might exist but maxDepth stopped the search first.
 */
export async function dijkstraWithinHops(params: HopLimitedParams): Promise<RawPath | undefined> {
  const { space, forward: adjacency, source, target, weigh, maxDepth, maxNodes } = params
  const trivial = answerAtOnce(params)
  if (trivial) return trivial
  const node: number[] = [source]
  const hops: number[] = [0]
  const via: number[] = [-1]
  const type: number[] = [-1]
  const reversed: boolean[] = [false]
  const fewestHops = space.array(Number.POSITIVE_INFINITY)
  const heap = new BinaryHeap()
  heap.push(0, 0)
  const cut: number[] = []
  let settled = 0
  // A queued state's node, to read ahead: when it has hops left and is not settled with fewer.
  const pick = (state: number) =>
    hops[state]! < maxDepth && fewestHops.get(node[state]!) > hops[state]! ? node[state]! : -1
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
    throwIfAborted(space.signal, 'shortestPath')
    const ahead = adjacency.isCached(v) ? [] : heapAhead(heap, pick)
    const [list] = await adjacency.read([v], ahead, true)
    const paused = pauseThrowing(space, list!.nodes.length + 1, 'shortestPath')
    if (paused) await paused
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
    const lists = await adjacency.read(cut.slice(at, at + 256), [], true)
    for (const list of lists) {
      for (const w of list.nodes) {
        if (fewestHops.get(w) === Number.POSITIVE_INFINITY) {
          throw limitExceeded('maxDepth', maxDepth, 'shortestPath')
        }
      }
    }
  }
  return undefined

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
