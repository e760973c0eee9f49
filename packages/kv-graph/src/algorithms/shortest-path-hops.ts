import { limitExceeded, throwIfAborted } from '../errors.js'
import {
  type Adjacency,
  type IdArray,
  isReversed,
  MAYBE,
  type SearchSpace,
  USELESS,
} from '../reading/adjacency.js'
import { type ChunkSizes, growingChunks, reachesUnseen } from './chunks.js'
import { answerAtOnce, bothSides, type PathSearch } from './path-search.js'
import { joinPath, Parents, type RawPath } from './paths.js'
import { pauseThrowing } from './pauses.js'

export interface HopsParams extends PathSearch {
  /** Longest path allowed, in hops. */
  maxDepth: number
}

interface Side {
  adjacency: Adjacency
  depth: IdArray
  parents: Parents
  frontier: number[]
  level: number
}

const CHUNKS: ChunkSizes = { first: 8, max: 512 }

/**
 * Fewest-hops path by bidirectional breadth-first search: each round expands the side with the
 * smaller frontier, in growing chunks, and stops at the first chunk that meets the other side
 * (every meeting found at that point has the same, shortest, length). Resolves undefined when no
 * path exists; throws GRAPH_LIMIT_EXCEEDED when maxDepth or maxNodes stopped it before it could
 * tell, and GRAPH_ABORTED when the signal fired.
 */
export async function shortestPathHops(params: HopsParams): Promise<RawPath | undefined> {
  const { space, maxDepth, maxNodes } = params
  const trivial = answerAtOnce(params)
  if (trivial) return trivial
  const [forward, backward] = bothSides(params, newSide)
  let visited = 2
  for (;;) {
    if (forward.frontier.length === 0 || backward.frontier.length === 0) return undefined
    const side = forward.frontier.length <= backward.frontier.length ? forward : backward
    const other = side === forward ? backward : forward
    if (forward.level + backward.level >= maxDepth) {
      // Out of hops: no path exists if either side has nothing left to reach; else undecided.
      if ((await reachesUnseenBy(side)) && (await reachesUnseenBy(other))) {
        throw limitExceeded('maxDepth', maxDepth, 'shortestPath')
      }
      return undefined
    }
    await side.adjacency.prefetch(side.frontier, (id) =>
      side.depth.get(id) >= 0 ? USELESS : MAYBE,
    )
    const next: number[] = []
    let meet = -1
    for (const ids of growingChunks(side.frontier, CHUNKS)) {
      throwIfAborted(space.signal, 'shortestPath')
      const lists = side.adjacency.readHeld(ids) ?? (await side.adjacency.read(ids))
      for (let i = 0; i < ids.length; i++) {
        const u = ids[i]!
        const list = lists[i]!
        const paused = pauseThrowing(space, list.nodes.length + 1, 'shortestPath')
        if (paused) await paused
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

function newSide(space: SearchSpace, adjacency: Adjacency, origin: number): Side {
  const depth = space.array(-1)
  depth.set(origin, 0)
  return { adjacency, depth, parents: new Parents(space), frontier: [origin], level: 0 }
}

/** Whether the side's frontier has an edge to a node it has not seen. */
function reachesUnseenBy(side: Side): Promise<boolean> {
  return reachesUnseen(side.adjacency, side.frontier, (v) => side.depth.get(v) < 0, CHUNKS)
}
