import { limitExceeded, throwIfAborted } from '../errors.js'
import { type Adjacency, type IdArray, isReversed, type SearchSpace } from '../reading/adjacency.js'
import { BinaryHeap } from './binary-heap.js'
import { heapAhead } from './heap-ahead.js'
import { answerAtOnce, bothSides, type PathSearch } from './path-search.js'
import { joinPath, Parents, type RawPath } from './paths.js'
import { pauseThrowing } from './pauses.js'
import type { Weigher } from './weights.js'

export interface DijkstraParams extends PathSearch {
  /** Both adjacencies read props: the weigher reads the weight from them. */
  weigh: Weigher
}

interface Side {
  adjacency: Adjacency
  dist: IdArray
  settled: IdArray
  parents: Parents
  heap: BinaryHeap
  /** Unsettled nodes of the heap's items, to read ahead (see heapAhead). */
  pick: (id: number) => number
}

/**
 * Cheapest path by bidirectional Dijkstra: each step settles the next node of the side with the
 * fewer queued nodes; it stops when the two heap tops together cost at least the best path
 * found (which is then the cheapest). Reads are batched by reading ahead the lists of the nodes
 * at the top of the heap.
 */
export async function dijkstra(params: DijkstraParams): Promise<RawPath | undefined> {
  const { space, weigh, maxNodes } = params
  const trivial = answerAtOnce(params)
  if (trivial) return trivial
  const [forward, backward] = bothSides(params, newSide)
  let best = Number.POSITIVE_INFINITY
  let meet = -1
  let settledCount = 0
  for (;;) {
    dropStale(forward)
    dropStale(backward)
    if (forward.heap.size === 0 || backward.heap.size === 0) break
    if (forward.heap.topPriority + backward.heap.topPriority >= best) break
    // Expand the side with fewer queued nodes (as graphology alternates, rather than the side
    // with the smaller radius): on skewed degree distributions it settles several times fewer.
    const side = forward.heap.size <= backward.heap.size ? forward : backward
    const other = side === forward ? backward : forward
    const d = side.heap.topPriority
    const u = side.heap.pop()
    side.settled.set(u, 1)
    if (++settledCount > maxNodes) throw limitExceeded('maxNodes', maxNodes, 'shortestPath')
    throwIfAborted(space.signal, 'shortestPath')
    const ahead = side.adjacency.isCached(u) ? [] : heapAhead(side.heap, side.pick)
    const [list] = await side.adjacency.read([u], ahead)
    const paused = pauseThrowing(space, list!.nodes.length + 1, 'shortestPath')
    if (paused) await paused
    for (let j = 0; j < list!.nodes.length; j++) {
      const v = list!.nodes[j]!
      const cost = d + weigh(u, list!, j)
      if (cost < side.dist.get(v)) {
        side.dist.set(v, cost)
        side.parents.set(v, u, list!.types[j]!, isReversed(list!, j))
        side.heap.push(cost, v)
        const rest = other.dist.get(v)
        if (cost + rest < best) {
          best = cost + rest
          meet = v
        }
      }
    }
  }
  if (meet < 0) return undefined
  return joinPath(forward.parents, backward.parents, meet, best)
}

function newSide(space: SearchSpace, adjacency: Adjacency, origin: number): Side {
  const settled = space.array(0)
  const side: Side = {
    adjacency,
    dist: space.array(Number.POSITIVE_INFINITY),
    settled,
    parents: new Parents(space),
    heap: new BinaryHeap(),
    // The node being expanded is settled already, so it is never read ahead.
    pick: (id) => (settled.get(id) === 0 ? id : -1),
  }
  side.dist.set(origin, 0)
  side.heap.push(0, origin)
  return side
}

/** Pops heap items that are settled already or carry an outdated distance. */
function dropStale(side: Side): void {
  while (
    side.heap.size > 0 &&
    (side.settled.get(side.heap.topId) === 1 ||
      side.heap.topPriority > side.dist.get(side.heap.topId))
  ) {
    side.heap.pop()
  }
}
