import type { Props } from '../types.js'

/** Which key family an adjacency entry was read from: out (edge owner -> other) or in. */
export type Family = 'out' | 'in'

/** Integers of a list: a plain array, or a view of a shared table's pool. */
export type IdList = readonly number[] | Int32Array

/**
 * The edges of one node in one traversal direction, as parallel arrays: entry i is an edge of
 * type `types[i]` to or from node `nodes[i]` (ids of the traversal's interners). `reversed` says
 * whether the stored edge points at the owner (it was read from the owner's in family); it is one
 * boolean when every entry comes from the same family. Lists are never changed once built.
 */
export interface AdjList {
  readonly types: IdList
  readonly nodes: IdList
  readonly reversed: readonly boolean[] | boolean
  /** Present when the reader decodes props (weighted searches, views). */
  readonly props: readonly Props[] | undefined
}

/** A list being built by a reader. */
export interface ListBuilder extends AdjList {
  readonly types: number[]
  readonly nodes: number[]
  readonly reversed: boolean[] | boolean
  readonly props: Props[] | undefined
}

export function emptyList(reversed: boolean[] | boolean, props: boolean): ListBuilder {
  return { types: [], nodes: [], reversed, props: props ? [] : undefined }
}

export function isReversed(list: AdjList, i: number): boolean {
  return typeof list.reversed === 'boolean' ? list.reversed : list.reversed[i]!
}

/** One list holding `a`'s entries, then `b`'s. */
export function concatLists(a: AdjList, b: AdjList): AdjList {
  const flags = (list: AdjList) =>
    typeof list.reversed === 'boolean'
      ? new Array<boolean>(list.nodes.length).fill(list.reversed)
      : list.reversed
  return {
    types: [...a.types, ...b.types],
    nodes: [...a.nodes, ...b.nodes],
    reversed: [...flags(a), ...flags(b)],
    props: a.props && b.props ? [...a.props, ...b.props] : undefined,
  }
}

// ---- what algorithms see (they import nothing else from reading/) ----

/** How useful a node's adjacency is to a traversal that scans past it (see `Adjacency.prefetch`). */
export const NEEDED = 0
export const MAYBE = 0.25
export const USELESS = 1

/** Numbers by node id, each `fill` until set. */
export interface IdArray {
  get(id: number): number
  set(id: number, value: number): void
}

/** What a search needs besides adjacency: per-node arrays, and the signal that aborts it. */
export interface SearchSpace {
  readonly signal: AbortSignal | undefined
  /**
   * Counts `units` of work (list entries looked at); a promise when the search should let the
   * event loop in (every few ms), after which it checks its signal. Absent: never pauses.
   */
  pace?(units: number): Promise<void> | undefined
  /** A per-node array, filled with `fill`, for the search's lifetime. */
  array(fill: number): IdArray
}

/**
 * The adjacency a search follows (one direction, one edge type filter), by node id. Algorithms
 * read through this alone, so any implementation serves them: the reading strategies over a
 * store (reading/adjacency-reader.ts), or a few arrays in memory in a test.
 */
export interface Adjacency {
  /**
   * The lists of `ids`, in order. `ahead`: nodes the search will likely expand next, read in the
   * same batch when their lists must be read anyway. `keep`: the search expands nodes more than
   * once, so lists read stay at hand.
   */
  read(ids: readonly number[], ahead?: readonly number[], keep?: boolean): Promise<AdjList[]>
  /** The lists of `ids` at once (no promise) when all are held; undefined otherwise. */
  readHeld(ids: readonly number[]): AdjList[] | undefined
  /** Whether a read of the node's list would not reach the store. */
  isCached(id: number): boolean
  /**
   * Prepares the lists of a large frontier (a search calls it once per level). `usefulness(id)`
   * says how much the search will want the list of a node not in `ids` (NEEDED, MAYBE or
   * USELESS). Undefined when there is nothing to do.
   */
  prefetch(ids: readonly number[], usefulness: (id: number) => number): Promise<void> | undefined
}
