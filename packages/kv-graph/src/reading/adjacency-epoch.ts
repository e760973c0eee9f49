import type { Family } from './adjacency.js'
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
