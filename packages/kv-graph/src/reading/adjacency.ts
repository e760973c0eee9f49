import type { Props } from '../types.js'

/** Which key family an adjacency entry was read from: out (edge owner -> other) or in. */
export type Family = 'out' | 'in'

/**
 * The edges of one node in one traversal direction, as parallel arrays: entry i is an edge of
 * type `types[i]` to or from node `nodes[i]` (ids of the traversal's interners). `reversed` says
 * whether the stored edge points at the owner (it was read from the owner's in family); it is one
 * boolean when every entry comes from the same family.
 */
export interface AdjList {
  readonly types: number[]
  readonly nodes: number[]
  readonly reversed: boolean[] | boolean
  /** Present when the reader decodes props (weighted searches, views). */
  readonly props: Props[] | undefined
}

export function emptyList(reversed: boolean[] | boolean, props: boolean): AdjList {
  return { types: [], nodes: [], reversed, props: props ? [] : undefined }
}

export function isReversed(list: AdjList, i: number): boolean {
  return typeof list.reversed === 'boolean' ? list.reversed : list.reversed[i]!
}
