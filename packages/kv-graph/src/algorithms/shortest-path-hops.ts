import { limitExceeded } from '../errors.js'
import { isReversed } from '../reading/adjacency.js'
import { type AdjacencyReader, MAYBE, USELESS } from '../reading/adjacency-reader.js'
import type { NumberArray } from '../reading/id-arrays.js'
import type { Scope } from '../reading/scope.js'
import { joinPath, Parents, type RawPath } from './paths.js'

export interface HopsParams {
  scope: Scope
  /** Follows edges away from the source. */
  forward: AdjacencyReader
  /** Follows edges towards the target. */
  backward: AdjacencyReader
  source: number
  target: number
  /** Longest path allowed, in hops. */
  maxDepth: number
  /** Nodes both sides may visit together. */
  maxNodes: number
}

interface Side {
  reader: AdjacencyReader
  depth: NumberArray
  parents: Parents
  frontier: number[]
  level: number
}

const FIRST_CHUNK = 8
const MAX_CHUNK = 512

/**
 * Fewest-hops path by bidirectional breadth-first search: each round expands the side with the
 * smaller frontier, in growing chunks, and stops at the first chunk that meets the other side
 * (every meeting found at that point has the same, shortest, length). Resolves undefined when no
 * path exists; throws GRAPH_LIMIT_EXCEEDED when maxDepth or maxNodes stopped it before it could
 * tell, and GRAPH_ABORTED when the signal fired.
 */
export async function shortestPathHops(params: HopsParams): Promise<RawPath | undefined> {
  const { scope, source, target, maxDepth, maxNodes } = params
  scope.throwIfAborted('shortestPath')
  if (source === target) return { nodes: [source], edges: [], cost: 0 }
  const forward = newSide(scope, params.forward, source)
  const backward = newSide(scope, params.backward, target)
  let visited = 2
  for (;;) {
    if (forward.frontier.length === 0 || backward.frontier.length === 0) return undefined
    const side = forward.frontier.length <= backward.frontier.length ? forward : backward
    const other = side === forward ? backward : forward
    if (forward.level + backward.level >= maxDepth) {
      // Out of hops: no path exists if either side has nothing left to reach; else undecided.
      if ((await reachesUnseen(side)) && (await reachesUnseen(other))) {
        throw limitExceeded('maxDepth', maxDepth, 'shortestPath')
      }
      return undefined
    }
    await side.reader.prefetch(side.frontier, (id) => (side.depth.get(id) >= 0 ? USELESS : MAYBE))
    const next: number[] = []
    let meet = -1
    let chunk = FIRST_CHUNK
    const frontier = side.frontier
    for (let at = 0; at < frontier.length; at += chunk, chunk = Math.min(chunk * 2, MAX_CHUNK)) {
      scope.throwIfAborted('shortestPath')
      const ids = frontier.slice(at, at + chunk)
      const lists = side.reader.readHeld(ids) ?? (await side.reader.read(ids))
      for (let i = 0; i < ids.length; i++) {
        const u = ids[i]!
        const list = lists[i]!
        for (let j = 0; j < list.nodes.length; j++) {
          const v = list.nodes[j]!
          if (side.depth.get(v) < 0) {
            if (visited >= maxNodes) throw limitExceeded('maxNodes', maxNodes, 'shortestPath')
            visited++
            side.depth.set(v, side.level + 1)
            side.parents.set(v, u, list.types[j]!, isReversed(list, j))
            next.push(v)
          }
          if (meet < 0 && other.depth.get(v) >= 0) meet = v
        }
      }
      if (meet >= 0) {
        const cost = side.depth.get(meet) + other.depth.get(meet)
        return joinPath(forward.parents, backward.parents, meet, cost)
      }
    }
    side.frontier = next
    side.level++
  }
}

function newSide(scope: Scope, reader: AdjacencyReader, origin: number): Side {
  const depth = scope.array(-1)
  depth.set(origin, 0)
  return { reader, depth, parents: new Parents(scope), frontier: [origin], level: 0 }
}

/** Whether the side's frontier has an edge to a node it has not seen (reads until one is found). */
async function reachesUnseen(side: Side): Promise<boolean> {
  let chunk = FIRST_CHUNK
  for (let at = 0; at < side.frontier.length; at += chunk, chunk = Math.min(chunk * 2, MAX_CHUNK)) {
    const ids = side.frontier.slice(at, at + chunk)
    const lists = side.reader.readHeld(ids) ?? (await side.reader.read(ids))
    for (const list of lists) for (const v of list.nodes) if (side.depth.get(v) < 0) return true
  }
  return false
}
