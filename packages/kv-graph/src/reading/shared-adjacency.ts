import type { CommittedChange, Store } from '@kvgraph/core'
import { edgeKeyOwnerEnd, FAMILY_LENGTH, IN_FAMILY, OUT_FAMILY } from '../key-codec.js'
import type { StoreAccess } from '../store-access.js'
import { AdjacencyEpoch } from './adjacency-epoch.js'

/**
 * A graph's held adjacency across traversals: the whole adjacency (no props) of the nodes
 * traversals have read, by key family, bounded by `capacity` entries per family.
 *
 * It stays true to the store through `onCommit(store, …)` (`@kvgraph/core/internal`): every committed change to an edge key
 * drops its owner's list and bumps `generation`. A reader notes the generation before it reads
 * and keeps what it read only if no change committed meanwhile, so a list read from a snapshot
 * older than a commit is never kept after that commit dropped it.
 */
export class SharedAdjacency {
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
      const ownerEnd = edgeKeyOwnerEnd(key)
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
export function keptAdjacency(
  store: Store,
  capacity: number,
  access: StoreAccess,
): SharedAdjacency {
  const adjacency = new SharedAdjacency(capacity)
  const ref = new WeakRef(adjacency)
  const stop = access.onCommit(store, (changes) => ref.deref()?.invalidate(changes))
  unsubscribeWhenCollected.register(adjacency, stop)
  return adjacency
}
