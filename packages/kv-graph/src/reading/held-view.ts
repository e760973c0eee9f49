import { type AdjList, concatLists, emptyList, type Family } from './adjacency.js'
import type { AdjacencyEpoch } from './adjacency-epoch.js'
import type { Interner } from './interner.js'
import type { SharedAdjacency } from './shared-adjacency.js'

/** The graph's held adjacency and the epoch a traversal runs in. */
export interface Held {
  adjacency: SharedAdjacency
  epoch: AdjacencyEpoch
}

/**
 * The held tables as one reader sees them: its families, filtered by its edge types. A reader
 * that reads whole adjacency (no type filter) also fills them, with what it reads while no
 * change has committed (see SharedAdjacency).
 */
export class HeldView {
  readonly #held: Held
  readonly #families: readonly Family[]
  readonly #filter: ReadonlySet<string> | undefined
  readonly #types: Interner
  /** Whether each type id passes the filter (1), or not (2); 0: not looked at yet. */
  readonly #typePasses: number[] = []
  /** Whether what the reader reads is whole adjacency, worth holding. */
  readonly fills: boolean

  constructor(
    held: Held,
    families: readonly Family[],
    filter: ReadonlySet<string> | undefined,
    types: Interner,
  ) {
    this.#held = held
    this.#families = families
    this.#filter = filter
    this.#types = types
    this.fills = filter === undefined
  }

  /** Bumped by every commit that changed an edge: note it before a read, check it after. */
  get generation(): number {
    return this.#held.adjacency.generation
  }

  /** Holds a node's whole list of a family, read while the generation was `generation`. */
  keep(family: Family, id: number, list: AdjList, generation: number | undefined): boolean {
    if (!this.fills || this.generation !== generation) return false
    this.#held.epoch.table(family).put(id, list.types, list.nodes)
    return true
  }

  /** Whether the tables hold every node's lists of the reader's families. */
  holdsWhole(): boolean {
    for (const family of this.#families) if (!this.#held.epoch.table(family).complete) return false
    return true
  }

  has(id: number): boolean {
    for (const family of this.#families) if (!this.#held.epoch.table(family).has(id)) return false
    return true
  }

  /** A node's list (filtered by type), or undefined when not held. */
  get(id: number): AdjList | undefined {
    let whole: AdjList | undefined
    for (const family of this.#families) {
      const held = this.#held.epoch.table(family).get(id)
      if (!held) return undefined
      const part = this.#filter ? this.#filtered(held) : held
      whole = whole === undefined ? part : concatLists(whole, part)
    }
    return whole
  }

  #filtered(list: AdjList): AdjList {
    const kept = emptyList(list.reversed as boolean, false)
    for (let i = 0; i < list.nodes.length; i++) {
      if (!this.#passes(list.types[i]!)) continue
      kept.types.push(list.types[i]!)
      kept.nodes.push(list.nodes[i]!)
    }
    return kept
  }

  #passes(type: number): boolean {
    let verdict = this.#typePasses[type]
    if (verdict === undefined || verdict === 0) {
      verdict = this.#filter!.has(this.#types.values[type]!) ? 1 : 2
      while (this.#typePasses.length < type) this.#typePasses.push(0)
      this.#typePasses[type] = verdict
    }
    return verdict === 1
  }
}
