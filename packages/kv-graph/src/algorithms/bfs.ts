import type { StopReason } from '../errors.js'
import { isReversed } from '../reading/adjacency.js'
import { type AdjacencyReader, MAYBE, NEEDED, USELESS } from '../reading/adjacency-reader.js'
import type { NumberArray } from '../reading/id-arrays.js'
import type { Scope } from '../reading/scope.js'

/** One node reached, as ids of the traversal's scope. */
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
  scope: Scope
  reader: AdjacencyReader
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
const FIRST_CHUNK = 16
const MAX_CHUNK = 1024

/**
 * Breadth-first traversal, level by level. Each level is read in growing chunks (so a consumer
 * that stops early reads little) through the reader, which batches seeks or scans the family
 * when the level is large. Steps come in order of depth; within a level, in the order of the
 * nodes they were reached from, then in key order of the edges.
 */
export async function* bfs(params: BfsParams, outcome: BfsOutcome): AsyncGenerator<RawStep> {
  const { scope, reader, start, maxDepth, maxNodes, probe, admit } = params
  delete outcome.stopped
  if (scope.aborted) {
    outcome.stopped = 'aborted'
    return
  }
  const state = scope.array(UNSEEN)
  state.set(start, SEEN)
  let visited = 1
  yield { id: start, depth: 0, via: -1, type: -1, reversed: false }
  let frontier = [start]
  for (let depth = 0; frontier.length > 0; depth++) {
    const lastLevel = depth + 1 >= maxDepth
    if (depth >= maxDepth) {
      if (probe && (await reachesUnseen(reader, frontier, state, admit)))
        outcome.stopped = 'maxDepth'
      if (scope.aborted) outcome.stopped = 'aborted'
      return
    }
    await reader.prefetch(frontier, (id) => {
      const s = state.get(id)
      if (s === EXPANDED || lastLevel) return USELESS
      return s === SEEN ? NEEDED : MAYBE
    })
    const next: number[] = []
    let chunk = FIRST_CHUNK
    for (let at = 0; at < frontier.length; at += chunk, chunk = Math.min(chunk * 2, MAX_CHUNK)) {
      if (scope.aborted) {
        outcome.stopped = 'aborted'
        return
      }
      const ids = frontier.slice(at, at + chunk)
      const lists = await reader.read(ids)
      for (let i = 0; i < ids.length; i++) {
        const u = ids[i]!
        const list = lists[i]!
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
          if (scope.aborted) {
            outcome.stopped = 'aborted'
            return
          }
        }
      }
    }
    frontier = next
  }
}

/** Whether any node of `frontier` has an edge to a node not seen yet (reads until it finds one). */
async function reachesUnseen(
  reader: AdjacencyReader,
  frontier: number[],
  state: NumberArray,
  admit: ((id: number) => boolean) | undefined,
): Promise<boolean> {
  let chunk = FIRST_CHUNK
  for (let at = 0; at < frontier.length; at += chunk, chunk = Math.min(chunk * 2, MAX_CHUNK)) {
    const lists = await reader.read(frontier.slice(at, at + chunk))
    for (const list of lists) {
      for (const v of list.nodes) {
        if (state.get(v) === UNSEEN && (!admit || admit(v))) return true
      }
    }
  }
  return false
}
