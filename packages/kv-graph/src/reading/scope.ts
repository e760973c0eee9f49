import { compareKeys, type Store } from '@kvgraph/core'
import type { EdgeDirection, EdgeRef } from '../graph-types.js'
import { decodeComponent, decodeNodeCode } from '../key-codec.js'
import type { StoreAccess } from '../store-access.js'
import type { ReaderTuning } from '../tuning.js'
import type { NodeRef } from '../types.js'
import type { Family, SearchSpace } from './adjacency.js'
import { AdjacencyReader } from './adjacency-reader.js'
import type { Held } from './held-view.js'
import { type ArrayPool, NumberArray } from './id-arrays.js'
import { Interner } from './interner.js'
import { Pacer } from './pacer.js'
import type { ReaderContext, ReaderSpec, SeekMeter } from './reader-context.js'

/** The families a search reads to follow `direction` forwards, or backwards (towards a target). */
export function familiesOf(direction: EdgeDirection, backwards = false): Family[] {
  if (direction === 'both') return ['out', 'in']
  return (direction === 'out') !== backwards ? ['out'] : ['in']
}

/** Opens a traversal's scope on the Graph's held adjacency (when it keeps one). */
export type OpenScope = (signal: AbortSignal | undefined) => Promise<Scope>

/** Runs an operation in a scope of its own, released when it settles. */
export async function withScope<T>(
  open: OpenScope,
  signal: AbortSignal | undefined,
  run: (scope: Scope) => Promise<T>,
): Promise<T> {
  const scope = await open(signal)
  try {
    return await run(scope)
  } finally {
    scope.release()
  }
}

export interface ScopeOptions {
  store: Store
  access: StoreAccess
  tuning: ReaderTuning
  cacheEntries: number
  signal: AbortSignal | undefined
  /** The graph's held adjacency and the epoch the traversal runs in, when it keeps one. */
  held?: Held | undefined
  meter?: SeekMeter | undefined
}

/**
 * The state one traversal shares between its readers: interned node codes and edge types. With
 * the graph's held adjacency, the tables are the graph's (so its held lists need no
 * translation); without, the traversal has its own.
 */
export class Scope implements ReaderContext, SearchSpace {
  readonly nodes: Interner
  readonly types: Interner
  readonly store: Store
  readonly access: StoreAccess
  readonly tuning: ReaderTuning
  readonly cacheEntries: number
  readonly signal: AbortSignal | undefined
  readonly held: Held | undefined
  readonly meter: SeekMeter | undefined
  readonly #typeNames: string[] = []
  readonly #pool: ArrayPool | undefined
  readonly #borrowed: NumberArray[] = []
  readonly #pacer = new Pacer()

  constructor(options: ScopeOptions) {
    this.store = options.store
    this.access = options.access
    this.tuning = options.tuning
    this.cacheEntries = options.cacheEntries
    this.signal = options.signal
    this.held = options.held
    this.meter = options.meter
    if (this.held) {
      this.nodes = this.held.epoch.nodes
      this.types = this.held.epoch.types
      this.#pool = this.held.epoch.arrays
    } else {
      this.nodes = new Interner()
      this.types = new Interner()
    }
  }

  pace(units: number): Promise<void> | undefined {
    return this.#pacer.tick(units)
  }

  /** A per-node array for this traversal (borrowed from the graph's pool when it has one). */
  array(fill: number): NumberArray {
    if (!this.#pool) return new NumberArray(fill)
    const array = this.#pool.take(fill)
    this.#borrowed.push(array)
    return array
  }

  /** Returns the borrowed arrays; call once the traversal can no longer touch them. */
  release(): void {
    for (const array of this.#borrowed.splice(0)) this.#pool!.give(array)
  }

  reader(spec: ReaderSpec): AdjacencyReader {
    return new AdjacencyReader(this, spec)
  }

  /** A reader following `direction` (against it with `backwards`), with props when `props`. */
  follow(
    direction: EdgeDirection,
    typeFilter: readonly string[] | undefined,
    props = false,
    backwards = false,
  ): AdjacencyReader {
    return this.reader({ families: familiesOf(direction, backwards), typeFilter, props })
  }

  node(id: number): NodeRef {
    return decodeNodeCode(this.nodes.values[id]!)
  }

  typeName(type: number): string {
    let name = this.#typeNames[type]
    if (name === undefined) {
      name = decodeComponent(this.types.values[type]!)
      this.#typeNames[type] = name
    }
    return name
  }

  /** The stored edge behind an adjacency entry of `owner`. */
  edge(owner: number, type: number, other: number, reversed: boolean): EdgeRef {
    const a = this.node(owner)
    const b = owner === other ? a : this.node(other)
    return reversed
      ? { from: b, type: this.typeName(type), to: a }
      : { from: a, type: this.typeName(type), to: b }
  }

  /** Node ids in key order of their codes. */
  compare = (a: number, b: number): number =>
    compareKeys(this.nodes.values[a]!, this.nodes.values[b]!)
}
