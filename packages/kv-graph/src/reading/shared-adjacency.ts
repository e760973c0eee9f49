import type { CommittedChange, Store } from '@kvgraph/core'
import { onCommit } from '@kvgraph/core/internal'
import { componentEnd, FAMILY_LENGTH, IN_FAMILY, OUT_FAMILY } from '../key-codec.js'
import type { Family } from './adjacency.js'
import { AdjacencyLoad } from './adjacency-load.js'
import { FamilyTable } from './family-table.js'
import { ArrayPool } from './id-arrays.js'
import { Interner } from './interner.js'

/**
 * The node and type tables and the adjacency held for the traversals of one graph. Traversals
 * share ids, so a list read by one is used by the next without translation.
 */
export class AdjacencyEpoch {
  readonly nodes = new Interner()
  readonly types = new Interner()
  /** Per-node arrays of finished traversals, reused by the next ones. */
  readonly arrays = new ArrayPool()
  readonly #tables: Record<Family, FamilyTable>

  constructor(capacity: number) {
    this.#tables = { out: new FamilyTable(capacity), in: new FamilyTable(capacity, true) }
  }

  table(family: Family): FamilyTable {
    return this.#tables[family]
  }
}

/**
 * A graph's adjacency cache across traversals: the whole adjacency (no props) of the nodes
 * traversals have read, by key family, bounded by `capacity` entries per family.
 *
 * It stays true to the store through `store.onCommit`: every committed change to an edge key
 * drops its owner's list and bumps `generation`. A reader notes the generation before it reads
 * and keeps what it read only if no change committed meanwhile, so a list read from a snapshot
 * older than a commit is never kept after that commit dropped it.
 */
export class SharedAdjacency {
  /** Loads the whole adjacency once seeking node by node costs more (see AdjacencyLoad). */
  readonly load = new AdjacencyLoad(this)
  readonly #capacity: number
  #epoch: AdjacencyEpoch
  #generation = 0

  constructor(capacity: number) {
    this.#capacity = capacity
    this.#epoch = new AdjacencyEpoch(capacity)
  }

  get generation(): number {
    return this.#generation
  }

  /** Entries each family's table may hold. */
  get capacity(): number {
    return this.#capacity
  }

  /**
   * The tables a new traversal uses. The node table only grows, so once it holds more nodes
   * than the capacity allows entries, a fresh epoch starts (traversals running keep theirs).
   */
  begin(): AdjacencyEpoch {
    if (this.#epoch.nodes.size > this.#capacity) this.#epoch = new AdjacencyEpoch(this.#capacity)
    return this.#epoch
  }

  /** Drops the lists of the nodes whose edge keys changed. */
  invalidate(changes: readonly CommittedChange[]): void {
    const epoch = this.#epoch
    let touched = false
    for (const { key } of changes) {
      const family = key.startsWith(OUT_FAMILY)
        ? 'out'
        : key.startsWith(IN_FAMILY)
          ? 'in'
          : undefined
      if (family === undefined) continue
      touched = true
      const typeEnd = componentEnd(key, FAMILY_LENGTH)
      const ownerEnd = typeEnd < 0 ? -1 : componentEnd(key, typeEnd)
      // A key that is no edge key lies under no node's prefix: no list can hold it.
      if (ownerEnd < 0) continue
      const table = epoch.table(family)
      // A complete table answers "no edges" for nodes it never saw: name the owner so its
      // drop marks it stale.
      const id = table.complete
        ? epoch.nodes.idIn(key, FAMILY_LENGTH, ownerEnd)
        : epoch.nodes.lookupIn(key, FAMILY_LENGTH, ownerEnd)
      if (id >= 0) table.drop(id)
    }
    if (touched) this.#generation++
  }
}

/** Unsubscribes the store listeners of shared adjacencies that were garbage-collected. */
const unsubscribeWhenCollected = new FinalizationRegistry<() => void>((stop) => stop())

/**
 * A shared adjacency kept true by the store's commit listener. The listener holds it weakly, so
 * a Graph that is dropped takes its tables with it and its listener goes away.
 */
export function keptAdjacency(store: Store, capacity: number): SharedAdjacency {
  const adjacency = new SharedAdjacency(capacity)
  const ref = new WeakRef(adjacency)
  const stop = onCommit(store, (changes) => ref.deref()?.invalidate(changes))
  unsubscribeWhenCollected.register(adjacency, stop)
  return adjacency
}
