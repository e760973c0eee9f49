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
