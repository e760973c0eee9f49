import { limitExceeded } from '../errors.js'
import { isReversed } from '../reading/adjacency.js'
import type { AdjacencyReader } from '../reading/adjacency-reader.js'
import type { NumberArray } from '../reading/id-arrays.js'
import type { Scope } from '../reading/scope.js'
import { BinaryHeap } from './binary-heap.js'
import { joinPath, Parents, type RawPath } from './paths.js'
import type { Weigher } from './weights.js'

export interface DijkstraParams {
  scope: Scope
  /** Follows edges away from the source (reads props). */
  forward: AdjacencyReader
  /** Follows edges towards the target (reads props). */
  backward: AdjacencyReader
  source: number
  target: number
  weigh: Weigher
  /** Nodes both sides may settle together. */
  maxNodes: number
}

interface Side {
  reader: AdjacencyReader
  dist: NumberArray
  settled: NumberArray
  parents: Parents
  heap: BinaryHeap
}

/** Lists read together with the one a search needs: the next nodes of the heap. */
const READ_AHEAD = 32
const HEAP_WINDOW = 64

/**
 * Cheapest path by bidirectional Dijkstra: each step settles the next node of the side with the
 * fewer queued nodes; it stops when the two heap tops together cost at least the best path
 * found (which is then the cheapest). Reads are batched by reading ahead the lists of the nodes
 * at the top of the heap.
 */
export async function dijkstra(params: DijkstraParams): Promise<RawPath | undefined> {
  const { scope, source, target, weigh, maxNodes } = params
  scope.throwIfAborted('shortestPath')
  if (source === target) return { nodes: [source], edges: [], cost: 0 }
  const forward = newSide(scope, params.forward, source)
  const backward = newSide(scope, params.backward, target)
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
    scope.throwIfAborted('shortestPath')
    const [list] = await side.reader.read([u], ahead(side, u))
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

function newSide(scope: Scope, reader: AdjacencyReader, origin: number): Side {
  const side: Side = {
    reader,
    dist: scope.array(Number.POSITIVE_INFINITY),
    settled: scope.array(0),
    parents: new Parents(scope),
    heap: new BinaryHeap(),
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

/** Unsettled, unread nodes near the top of the heap, to read together with `u`. */
export function ahead(
  side: { heap: BinaryHeap; settled: NumberArray; reader: AdjacencyReader },
  u: number,
): number[] {
  if (side.reader.isCached(u)) return []
  const ids: number[] = []
  const n = Math.min(side.heap.size, HEAP_WINDOW)
  for (let i = 0; i < n && ids.length < READ_AHEAD; i++) {
    const id = side.heap.idAt(i)
    if (id !== u && side.settled.get(id) === 0 && !ids.includes(id)) ids.push(id)
  }
  return ids
}
