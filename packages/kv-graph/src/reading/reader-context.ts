import type { Store } from '@kvgraph/core'
import { IN_FAMILY, OUT_FAMILY } from '../key-codec.js'
import type { StoreAccess } from '../store-access.js'
import type { ReaderTuning } from '../tuning.js'
import type { Family } from './adjacency.js'
import type { Held, HeldView } from './held-view.js'
import type { Interner } from './interner.js'

/** What a reader reads for each node: which families, which edge types, and whether props. */
export interface ReaderSpec {
  families: readonly Family[]
  /** Encoded edge type components to follow; undefined follows every type. */
  typeFilter: readonly string[] | undefined
  props: boolean
}

/** Told the cost of every batched read: the graph weighs it to decide on a whole load. */
export interface SeekMeter {
  charge(seeks: number): void
}

/** State shared by the readers of one traversal. */
export interface ReaderContext {
  readonly store: Store
  readonly access: StoreAccess
  readonly tuning: ReaderTuning
  readonly nodes: Interner
  readonly types: Interner
  /** Bound on the entries held by each reader's cache of read-ahead adjacency lists. */
  readonly cacheEntries: number
  readonly signal: AbortSignal | undefined
  /** The graph's adjacency held across traversals (its epoch owns `nodes` and `types`). */
  readonly held: Held | undefined
  readonly meter: SeekMeter | undefined
}

/** Counters of one reader, for tests and benchmarks. */
export interface ReaderStats {
  batches: number
  seeks: number
  scans: number
  scannedKeys: number
  sharedHits: number
}

export const FAMILY_PREFIX: Record<Family, string> = { out: OUT_FAMILY, in: IN_FAMILY }

/** What the strategies of one reader share. */
export interface ReaderParts {
  readonly ctx: ReaderContext
  readonly spec: ReaderSpec
  /** The spec's type filter as a set; undefined follows every type. */
  readonly filter: ReadonlySet<string> | undefined
  /** The graph's held tables, when the reader can use them (it reads no props). */
  readonly held: HeldView | undefined
  readonly stats: ReaderStats
}
