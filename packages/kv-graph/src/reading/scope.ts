import type { Store } from '@kvgraph/core'
import { aborted } from '../errors.js'
import type { EdgeDirection, EdgeRef } from '../graph-types.js'
import { decodeNodeCode, unescapeComponent } from '../key-codec.js'
import type { NodeRef } from '../types.js'
import type { Family } from './adjacency.js'
import { AdjacencyReader, type ReaderContext, type ReaderSpec } from './adjacency-reader.js'
import { type ArrayPool, NumberArray } from './id-arrays.js'
import { Interner } from './interner.js'
import type { AdjacencyEpoch, SharedAdjacency } from './shared-adjacency.js'

/** The families a search reads to follow `direction` forwards, or backwards (towards a target). */
export function familiesOf(direction: EdgeDirection, backwards = false): Family[] {
  if (direction === 'both') return ['out', 'in']
  return (direction === 'out') !== backwards ? ['out'] : ['in']
}

/**
 * The state one traversal shares between its readers: interned node codes and edge types. With
 * the graph's shared adjacency, the tables are the graph's (so its held lists need no
 * translation); without, the traversal has its own.
 */
export class Scope implements ReaderContext {
  readonly nodes: Interner
  readonly types: Interner
  readonly store: Store
  readonly cacheEntries: number
  readonly signal: AbortSignal | undefined
  readonly shared: { adjacency: SharedAdjacency; epoch: AdjacencyEpoch } | undefined
  readonly #typeNames: string[] = []
  readonly #pool: ArrayPool | undefined
  readonly #borrowed: NumberArray[] = []

  constructor(
    store: Store,
    cacheEntries: number,
    signal: AbortSignal | undefined,
    adjacency?: SharedAdjacency,
  ) {
    this.store = store
    this.cacheEntries = cacheEntries
    this.signal = signal
    if (adjacency) {
      const epoch = adjacency.begin()
      this.shared = { adjacency, epoch }
      this.nodes = epoch.nodes
      this.types = epoch.types
      this.#pool = epoch.arrays
    } else {
      this.nodes = new Interner()
      this.types = new Interner()
    }
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

  node(id: number): NodeRef {
    return decodeNodeCode(this.nodes.values[id]!)
  }

  typeName(type: number): string {
    let name = this.#typeNames[type]
    if (name === undefined) {
      const component = this.types.values[type]!
      name = unescapeComponent(component.slice(0, -2))
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

  get aborted(): boolean {
    return this.signal?.aborted === true
  }

  throwIfAborted(what: string): void {
    if (this.signal?.aborted) throw aborted(what, this.signal)
  }
}
