import { compareKeys, type PrefixGroup } from '@kvgraph/core'
import { type AdjList, concatLists, emptyList, type ListBuilder } from './adjacency.js'
import { appendGroup } from './list-decoding.js'
import { FAMILY_PREFIX, type ReaderParts } from './reader-context.js'

/**
 * The batched seek reader: the lists of a batch of nodes read with `prefixGroups` (one iterator
 * seeking from prefix to prefix), split over a few iterators running at once when the batch is
 * large. Up to a few edge types are read as one prefix each. Whole lists (no type filter) go
 * into the held tables too, when no change committed during the read.
 */
export class SeekReader {
  readonly #parts: ReaderParts
  /** Typed prefixes to read, sorted in key order; undefined reads whole node prefixes. */
  readonly #typed: string[] | undefined
  readonly #reversed: boolean | undefined

  constructor(parts: ReaderParts) {
    this.#parts = parts
    const { filter, spec } = parts
    if (filter && filter.size <= TYPED_PREFIX_MAX) this.#typed = [...filter].sort(compareKeys)
    this.#reversed = spec.families.length === 1 ? spec.families[0] === 'in' : undefined
  }

  /** The lists of `ids` (each read once, whatever the repeats), by id. */
  async read(ids: readonly number[]): Promise<Map<number, AdjList>> {
    const { ctx, spec, filter, held, stats } = this.#parts
    const { nodes, types, store, access, tuning } = ctx
    const generation = held?.generation
    const lists = new Map<number, AdjList>()
    const prefixes: string[] = []
    for (const id of ids) {
      if (lists.has(id)) continue
      lists.set(id, emptyList(this.#reversed ?? [], spec.props))
      const code = nodes.values[id]!
      for (const family of spec.families) {
        const base = FAMILY_PREFIX[family] + code
        if (this.#typed) for (const type of this.#typed) prefixes.push(base + type)
        else prefixes.push(base)
      }
    }
    prefixes.sort(compareKeys)
    // Only readers the held tables serve buy a load with their seeks (not those reading props).
    if (held) ctx.meter?.charge(prefixes.length)
    stats.batches++
    stats.seeks += prefixes.length
    const groups = new Map<string, PrefixGroup>()
    const values = spec.props
    const readChunk = async (chunk: string[]) => {
      for await (const group of access.prefixGroups(store, chunk, { values }))
        groups.set(group.prefix, group)
    }
    const ways = Math.min(
      tuning.parallelReads,
      Math.floor(prefixes.length / tuning.minParallelChunk) || 1,
    )
    if (ways === 1) await readChunk(prefixes)
    else {
      const size = Math.ceil(prefixes.length / ways)
      const chunks = []
      for (let i = 0; i < prefixes.length; i += size) chunks.push(prefixes.slice(i, i + size))
      await Promise.all(chunks.map(readChunk))
    }
    // Assemble each list in key order: families in the reader's order, then types in key order.
    for (const [id, list] of lists) {
      const code = nodes.values[id]!
      if (held?.fills) {
        lists.set(id, this.#assembleWhole(id, code, groups, generation))
        continue
      }
      for (const family of spec.families) {
        const base = FAMILY_PREFIX[family] + code
        const builder = list as ListBuilder
        if (this.#typed) {
          for (const type of this.#typed)
            appendGroup(builder, groups.get(base + type), family, nodes, types, filter, type)
        } else appendGroup(builder, groups.get(base), family, nodes, types, filter)
      }
    }
    return lists
  }

  /** A node's whole adjacency, one list per family, held when no change committed meanwhile. */
  #assembleWhole(
    id: number,
    code: string,
    groups: Map<string, PrefixGroup>,
    generation: number | undefined,
  ): AdjList {
    const { ctx, spec, held } = this.#parts
    const { nodes, types } = ctx
    let whole: AdjList | undefined
    for (const family of spec.families) {
      const part = emptyList(family === 'in', false)
      appendGroup(part, groups.get(FAMILY_PREFIX[family] + code), family, nodes, types, undefined)
      held!.keep(family, id, part, generation)
      whole = whole === undefined ? part : concatLists(whole, part)
    }
    return whole!
  }
}

/** Up to this many edge types are read as one prefix each; more are filtered after reading. */
const TYPED_PREFIX_MAX = 4
