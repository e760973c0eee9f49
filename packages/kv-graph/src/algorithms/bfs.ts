import type { StopReason } from '../errors.js'
import {
  type Adjacency,
  isReversed,
  MAYBE,
  NEEDED,
  type SearchSpace,
  USELESS,
} from '../reading/adjacency.js'
import { type ChunkSizes, growingChunks, reachesUnseen } from './chunks.js'
import { pauseStopping } from './pauses.js'

/** One node reached, as ids of the search's adjacency. */
export interface RawStep {
  id: number
  depth: number
  /** The node it was reached from; -1 for the start. */
  via: number
  type: number
  /** Whether the edge points from `id` to `via` (it was followed backwards). */
  reversed: boolean
}

export interface BfsParams {
  space: SearchSpace
  adjacency: Adjacency
  start: number
  maxDepth: number
  maxNodes: number
  /**
   * Whether to find out if a bound really cut something off (reads one more level, stopping at
   * the first unseen node). Without it, hitting maxDepth is not reported.
   */
  probe: boolean
  /** Nodes it may visit (all when undefined); the start is always visited. */
  admit?: (id: number) => boolean
}

export interface BfsOutcome {
  stopped?: StopReason
}

const UNSEEN = 0
const SEEN = 1
const EXPANDED = 2
const CHUNKS: ChunkSizes = { first: 16, max: 1024 }

/**
 * Breadth-first traversal, level by level. Each level is read in growing chunks (so a consumer
 * that stops early reads little); the adjacency may prepare a large level at once (prefetch).
 * Steps come in order of depth; within a level, in the order of the nodes they were reached
 * from, then in the order of the lists (key order of the edges).
 */
export async function* bfs(params: BfsParams, outcome: BfsOutcome): AsyncGenerator<RawStep> {
  const { space, adjacency, start, maxDepth, maxNodes, probe, admit } = params
  delete outcome.stopped
  if (space.signal?.aborted) {
    outcome.stopped = 'aborted'
    return
  }
  const state = space.array(UNSEEN)
  state.set(start, SEEN)
  let visited = 1
  yield { id: start, depth: 0, via: -1, type: -1, reversed: false }
  let frontier = [start]
  const unseen = (v: number) => state.get(v) === UNSEEN && (!admit || admit(v))
  for (let depth = 0; frontier.length > 0; depth++) {
    const lastLevel = depth + 1 >= maxDepth
    if (depth >= maxDepth) {
      if (probe && (await reachesUnseen(adjacency, frontier, unseen, CHUNKS)))
        outcome.stopped = 'maxDepth'
      if (space.signal?.aborted) outcome.stopped = 'aborted'
      return
    }
    await adjacency.prefetch(frontier, (id) => {
      const s = state.get(id)
      if (s === EXPANDED || lastLevel) return USELESS
      return s === SEEN ? NEEDED : MAYBE
    })
    const next: number[] = []
    for (const ids of growingChunks(frontier, CHUNKS)) {
      if (space.signal?.aborted) {
        outcome.stopped = 'aborted'
        return
      }
      const lists = await adjacency.read(ids)
      for (let i = 0; i < ids.length; i++) {
        const u = ids[i]!
        const list = lists[i]!
        const paused = pauseStopping(space, list.nodes.length + 1)
        if (paused && (await paused)) {
          outcome.stopped = 'aborted'
          return
        }
        state.set(u, EXPANDED)
        for (let j = 0; j < list.nodes.length; j++) {
          const v = list.nodes[j]!
          if (state.get(v) !== UNSEEN) continue
          if (admit && !admit(v)) continue
          if (visited >= maxNodes) {
            outcome.stopped = 'maxNodes'
            return
          }
          state.set(v, SEEN)
          visited++
          next.push(v)
          yield {
            id: v,
            depth: depth + 1,
            via: u,
            type: list.types[j]!,
            reversed: isReversed(list, j),
          }
          if (space.signal?.aborted) {
            outcome.stopped = 'aborted'
            return
          }
        }
      }
    }
    frontier = next
  }
}
