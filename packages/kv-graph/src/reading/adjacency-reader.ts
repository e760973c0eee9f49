import { compareKeys, type PrefixGroup, prefixUpperBound, type Store } from '@kvgraph/core'
import { keyBatches, prefixGroups } from '@kvgraph/core/internal'
import { componentEnd, FAMILY_LENGTH, IN_FAMILY, OUT_FAMILY } from '../key-codec.js'
import { RepeatedComponent } from '../repeated-component.js'
import type { Props } from '../types.js'
import { type AdjList, concatLists, emptyList, type Family, type ListBuilder } from './adjacency.js'
import { AdjacencyCache } from './adjacency-cache.js'
import type { Interner } from './interner.js'
import type { AdjacencyEpoch, SharedAdjacency } from './shared-adjacency.js'

/** What a reader reads for each node: which families, which edge types, and whether props. */
export interface ReaderSpec {
  families: readonly Family[]
  /** Encoded edge type components to follow; undefined follows every type. */
  typeFilter: readonly string[] | undefined
  props: boolean
}

/** State shared by the readers of one traversal. */
export interface ReaderContext {
  store: Store
  nodes: Interner
  types: Interner
  /** Bound on the entries held by each reader's cache of read-ahead adjacency lists. */
  cacheEntries: number
  signal?: AbortSignal | undefined
  /** The graph's adjacency held across traversals (its epoch owns `nodes` and `types`). */
  shared?: { adjacency: SharedAdjacency; epoch: AdjacencyEpoch } | undefined
}

/** How useful a node's adjacency is to a traversal that scans past it (see `prefetch`). */
export const NEEDED = 0
export const MAYBE = 0.25
export const USELESS = 1

const FAMILY_PREFIX: Record<Family, string> = { out: OUT_FAMILY, in: IN_FAMILY }
/** Up to this many edge types are read as one prefix each; more are filtered after reading. */
const TYPED_PREFIX_MAX = 4

/**
 * The reader's cost model, in one place. Internal: tests lower these to drive every read path
 * (scans, give-ups, parallel batches) on small graphs.
 */
export const READER_TUNING = {
  /** Batched reads are split over up to this many iterators running at once. */
  parallelReads: 4,
  /** ...each with at least this many prefixes. */
  minParallelChunk: 4,
  /** Frontiers with fewer uncached nodes than this are never scanned. */
  scanMin: 256,
  /** One seek of a batched read costs about as much as scanning this many keys. */
  seekKeys: 32,
  /** Keys a scan may waste before the seeks it saves must pay for them (plus half of those). */
  slackKeys: 4096,
  /** A large frontier is scanned as up to this many ranges at once. */
  scanWays: 2,
}

/**
 * Reads adjacency lists for a traversal, with one plan per request:
 * - a batch of nodes is read with `store.prefixGroups` (one iterator seeking from prefix to
 *   prefix), split over a few iterators running at once when the batch is large;
 * - a large frontier may instead be served by sequential scans of the key family (`prefetch`),
 *   which also read ahead the lists of nodes the traversal may need later, into a bounded LRU
 *   cache. A scan gives up, and leaves the rest to batched reads, as soon as it has read more
 *   keys it cannot use than the seeks it saves would cost (plus a slack).
 */
export class AdjacencyReader {
  readonly #ctx: ReaderContext
  readonly #spec: ReaderSpec
  readonly #cache: AdjacencyCache
  /** Lists of nodes a scan was asked for: held (beyond the cache bound) until read. */
  readonly #pinned = new Map<number, AdjList>()
  /** Typed prefixes to read, sorted in key order; undefined reads whole node prefixes. */
  readonly #typed: string[] | undefined
  readonly #filter: Set<string> | undefined
  readonly #reversed: boolean | undefined
  /** The graph's shared adjacency, when this reader can use it (it reads no props). */
  readonly #shared: { adjacency: SharedAdjacency; epoch: AdjacencyEpoch } | undefined
  /** Whether what this reader reads is whole adjacency, worth keeping in the shared tables. */
  readonly #fills: boolean
  /** Whether each type id passes the filter (1), or not (2); 0: not looked at yet. */
  readonly #typePasses: number[] = []

  /** Counters, for tests and benchmarks. */
  readonly stats = { batches: 0, seeks: 0, scans: 0, scannedKeys: 0, sharedHits: 0 }

  constructor(ctx: ReaderContext, spec: ReaderSpec) {
    this.#ctx = ctx
    this.#spec = spec
    this.#cache = new AdjacencyCache(ctx.cacheEntries)
    const filter = spec.typeFilter
    if (filter !== undefined) {
      this.#filter = new Set(filter)
      if (filter.length <= TYPED_PREFIX_MAX) this.#typed = [...this.#filter].sort(compareKeys)
    }
    this.#reversed = spec.families.length === 1 ? spec.families[0] === 'in' : undefined
    this.#shared = spec.props ? undefined : ctx.shared
    this.#fills = this.#shared !== undefined && filter === undefined
  }

  get spec(): ReaderSpec {
    return this.#spec
  }

  isCached(id: number): boolean {
    return this.#pinned.has(id) || this.#cache.has(id) || this.#isShared(id)
  }

  /**
   * The adjacency lists of `ids`, in order. Lists read ahead are taken out of the cache (or kept
   * there, with `keep`, for searches that expand a node more than once); the others are read in
   * one batch, together with the lists of `ahead` (which go to the cache).
   */
  async read(
    ids: readonly number[],
    ahead: readonly number[] = [],
    keep = false,
  ): Promise<AdjList[]> {
    const shared = this.#shared
    if (shared?.adjacency.load.due) await shared.adjacency.load.run(this.#ctx.store, shared.epoch)
    const result: AdjList[] = new Array(ids.length)
    // Where lists are missing; built only then (a graph holding its adjacency never needs it).
    let missingAt: number[] | undefined
    for (let i = 0; i < ids.length; i++) {
      const id = ids[i]!
      const list =
        this.#pinned.get(id) ??
        (keep ? this.#cache.get(id) : this.#cache.take(id)) ??
        this.#fromShared(id)
      if (list) {
        this.#pinned.delete(id)
        if (keep) this.#hold(id, list)
        result[i] = list
      } else {
        missingAt ??= []
        missingAt.push(i)
      }
    }
    if (missingAt === undefined && ahead.length === 0) return result
    missingAt ??= []
    const missing = missingAt.map((i) => ids[i]!)
    const requested = new Set(missing)
    // Read ahead only while the cache has room for it: lists it would evict were read for nothing.
    const room = this.#cache.entries * 2 <= this.#ctx.cacheEntries
    const extra = room ? ahead.filter((id) => !requested.has(id) && !this.isCached(id)) : []
    if (missing.length === 0 && extra.length === 0) return result
    const lists = await this.#fetch(missing.concat(extra))
    for (const id of extra) {
      const list = lists.get(id)
      if (list) this.#hold(id, list)
    }
    for (let j = 0; j < missing.length; j++) {
      const list = lists.get(missing[j]!)!
      result[missingAt[j]!] = list
      if (keep) this.#hold(missing[j]!, list)
    }
    return result
  }

  /**
   * The lists of `ids` when the shared tables hold every one, at once: no promise and no turn of
   * the event loop per call, which searches on held adjacency would otherwise pay per chunk.
   * Undefined when any is missing (or a load is due): call `read`.
   */
  readHeld(ids: readonly number[]): AdjList[] | undefined {
    if (!this.#shared || this.#shared.adjacency.load.due) return undefined
    const result: AdjList[] = new Array(ids.length)
    for (let i = 0; i < ids.length; i++) {
      const list = this.#fromShared(ids[i]!)
      if (!list) return undefined
      result[i] = list
    }
    return result
  }

  /**
   * Prepares the lists of a large frontier with sequential scans when that is cheaper than
   * seeking to each node. `usefulness(id)` says how much the traversal will want the list of a
   * node that is not in `ids` (NEEDED, MAYBE or USELESS); it decides what the scan keeps and how
   * much of what it reads counts as waste. The family is scanned as a few ranges at once, so
   * reading one range overlaps with decoding another. Undefined when there is nothing to scan.
   */
  prefetch(ids: readonly number[], usefulness: (id: number) => number): Promise<void> | undefined {
    if (ids.length < READER_TUNING.scanMin) return // fewer wanted still: no set to build
    if (this.#holdsWhole()) return // read() serves every list, or seeks the few dropped since
    return this.#prefetch(ids, usefulness)
  }

  async #prefetch(ids: readonly number[], usefulness: (id: number) => number): Promise<void> {
    const wanted = [...new Set(ids)].filter((id) => !this.isCached(id))
    if (wanted.length < READER_TUNING.scanMin) return
    const { nodes } = this.#ctx
    const sorted = wanted
      .map((id) => ({ id, code: nodes.values[id]! }))
      .sort((a, b) => compareKeys(a.code, b.code))
    const wantedSet = new Set(wanted)
    const room = { entries: this.#ctx.cacheEntries - this.#cache.entries }
    const ways = Math.max(
      1,
      Math.min(READER_TUNING.scanWays, Math.floor(sorted.length / READER_TUNING.scanMin)),
    )
    const generation = this.#shared?.adjacency.generation
    const parts: Array<Map<number, AdjList>> = []
    for (const family of this.#spec.families) {
      const size = Math.ceil(sorted.length / ways)
      const ranges = []
      for (let at = 0; at < sorted.length; at += size) {
        const end = at + size < sorted.length ? sorted[at + size]!.code : undefined
        ranges.push(
          this.#scan(
            family,
            sorted.slice(at, at + size),
            end,
            wantedSet,
            usefulness,
            room,
            generation,
          ),
        )
      }
      const found = new Map<number, AdjList>()
      for (const range of await Promise.all(ranges))
        for (const [id, list] of range) found.set(id, list)
      parts.push(found)
      if (this.#ctx.signal?.aborted) return
    }
    // Scans put whole adjacency straight into the shared tables; what they return is the rest.
    const [first, second] = parts as [Map<number, AdjList>, Map<number, AdjList> | undefined]
    for (const [id, list] of first) {
      let whole = list
      if (second) {
        const other = second.get(id)
        if (!other) continue
        whole = concatLists(list, other)
      }
      if (this.#isShared(id)) continue // the shared tables serve it
      if (wantedSet.has(id)) this.#pinned.set(id, whole)
      else this.#cache.put(id, whole)
    }
  }

  /** Keeps a list for later reads, unless the shared tables already hold it. */
  #hold(id: number, list: AdjList): void {
    if (!this.#isShared(id)) this.#cache.put(id, list)
  }

  async #fetch(ids: readonly number[]): Promise<Map<number, AdjList>> {
    const { nodes, store } = this.#ctx
    const generation = this.#shared?.adjacency.generation
    const lists = new Map<number, AdjList>()
    const prefixes: string[] = []
    for (const id of ids) {
      if (lists.has(id)) continue
      lists.set(id, this.#emptyList())
      const code = nodes.values[id]!
      for (const family of this.#spec.families) {
        const base = FAMILY_PREFIX[family] + code
        if (this.#typed) for (const type of this.#typed) prefixes.push(base + type)
        else prefixes.push(base)
      }
    }
    prefixes.sort(compareKeys)
    this.#shared?.adjacency.load.charge(prefixes.length)
    this.stats.batches++
    this.stats.seeks += prefixes.length
    const groups = new Map<string, PrefixGroup>()
    const values = this.#spec.props
    const readChunk = async (chunk: string[]) => {
      for await (const group of prefixGroups(store, chunk, { values }))
        groups.set(group.prefix, group)
    }
    const ways = Math.min(
      READER_TUNING.parallelReads,
      Math.floor(prefixes.length / READER_TUNING.minParallelChunk) || 1,
    )
    if (ways === 1) await readChunk(prefixes)
    else {
      const size = Math.ceil(prefixes.length / ways)
      const chunks = []
      for (let i = 0; i < prefixes.length; i += size) chunks.push(prefixes.slice(i, i + size))
      await Promise.all(chunks.map(readChunk))
    }
    // Assemble each list in key order: families in the reader's order, then types in key order.
    const keep = this.#fills && this.#shared!.adjacency.generation === generation
    for (const [id, list] of lists) {
      const code = nodes.values[id]!
      if (this.#fills) {
        lists.set(id, this.#assembleWhole(id, code, groups, keep))
        continue
      }
      for (const family of this.#spec.families) {
        const base = FAMILY_PREFIX[family] + code
        if (this.#typed) {
          for (const type of this.#typed)
            this.#append(list as ListBuilder, groups.get(base + type), family, type)
        } else this.#append(list as ListBuilder, groups.get(base), family)
      }
    }
    return lists
  }

  /** A node's whole adjacency, one list per family, kept in the shared tables when `keep`. */
  #assembleWhole(
    id: number,
    code: string,
    groups: Map<string, PrefixGroup>,
    keep: boolean,
  ): AdjList {
    let whole: AdjList | undefined
    for (const family of this.#spec.families) {
      const part = emptyList(family === 'in', false)
      this.#append(part, groups.get(FAMILY_PREFIX[family] + code), family)
      if (keep) this.#shared!.epoch.table(family).put(id, part.types, part.nodes)
      whole = whole === undefined ? part : concatLists(whole, part)
    }
    return whole!
  }

  /** Whether the shared tables hold every node's lists of this reader's families. */
  #holdsWhole(): boolean {
    if (!this.#shared) return false
    for (const family of this.#spec.families)
      if (!this.#shared.epoch.table(family).complete) return false
    return true
  }

  #isShared(id: number): boolean {
    if (!this.#shared) return false
    for (const family of this.#spec.families)
      if (!this.#shared.epoch.table(family).has(id)) return false
    return true
  }

  /** A node's list from the shared tables (filtered by type), or undefined when not held. */
  #fromShared(id: number): AdjList | undefined {
    if (!this.#shared) return undefined
    let whole: AdjList | undefined
    for (const family of this.#spec.families) {
      const held = this.#shared.epoch.table(family).get(id)
      if (!held) return undefined
      const part = this.#filter ? this.#filtered(held) : held
      whole = whole === undefined ? part : concatLists(whole, part)
    }
    this.stats.sharedHits++
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
      verdict = this.#filter!.has(this.#ctx.types.values[type]!) ? 1 : 2
      while (this.#typePasses.length < type) this.#typePasses.push(0)
      this.#typePasses[type] = verdict
    }
    return verdict === 1
  }

  /** Edge type ids by run of equal type components: -1 for types the filter leaves out. */
  #typeRun(): RepeatedComponent<number> {
    const { types } = this.#ctx
    const filter = this.#filter
    return new RepeatedComponent((type) => (filter && !filter.has(type) ? -1 : types.id(type)), -1)
  }

  #emptyList(): ListBuilder {
    return emptyList(this.#reversed ?? [], this.#spec.props)
  }

  #append(
    list: ListBuilder,
    group: PrefixGroup | undefined,
    family: Family,
    typeComponent?: string,
  ): void {
    if (!group || group.keys.length === 0) return
    const { nodes, types } = this.#ctx
    const start = group.prefix.length
    const typed = typeComponent !== undefined
    const typeId = typed ? types.id(typeComponent) : -1
    const flags = typeof list.reversed === 'boolean' ? undefined : list.reversed
    const keys = group.keys
    // Keys of one node come grouped by type.
    const edgeType = typed ? undefined : this.#typeRun()
    for (let i = 0; i < keys.length; i++) {
      const key = keys[i]!
      let type = typeId
      let otherStart = start
      if (edgeType) {
        otherStart = edgeType.endIn(key, start)
        type = edgeType.value
        if (type < 0) continue
      }
      list.types.push(type)
      list.nodes.push(nodes.idIn(key, otherStart, key.length))
      if (flags) flags.push(family === 'in')
      if (list.props) list.props.push(group.records[i]!.value as Props)
    }
  }

  /**
   * One sequential scan of a family, from the first wanted node to `end` (the code of the next
   * range's first wanted node) or the family's end. It gives up once the keys it read and could
   * not use cost more than the seeks it saved (plus a slack), leaving the rest to `read`.
   *
   * Lists of whole adjacency go straight into the shared tables as each owner ends, while no
   * change has committed since `generation` (one that did dropped the lists it made stale, and
   * later lists come from a snapshot older than it): a scan of a million edges then holds no
   * list of its own until it ends, so they die young instead of filling the old generation.
   */
  async #scan(
    family: Family,
    wanted: ReadonlyArray<{ id: number; code: string }>,
    end: string | undefined,
    wantedSet: ReadonlySet<number>,
    usefulness: (id: number) => number,
    room: { entries: number },
    generation: number | undefined,
  ): Promise<Map<number, AdjList>> {
    const { nodes, store, signal } = this.#ctx
    const found = new Map<number, AdjList>()
    const table = this.#fills ? this.#shared!.epoch.table(family) : undefined
    const keep = (owner: number, list: AdjList, weight: number) => {
      if (weight > NEEDED) {
        if (room.entries < list.nodes.length + 1) return
        room.entries -= list.nodes.length + 1
      }
      if (table && this.#shared!.adjacency.generation === generation) {
        table.put(owner, list.types, list.nodes)
      } else found.set(owner, list)
    }
    const prefix = FAMILY_PREFIX[family]
    const reversed = family === 'in'
    const props = this.#spec.props
    const { seekKeys, slackKeys } = READER_TUNING
    const slack = slackKeys + (seekKeys * wanted.length) / 2
    let next = 0
    let served = 0
    let waste = 0
    let owner = -1
    let ownerPrefix = ''
    let list: ListBuilder | undefined
    let weight = USELESS
    let complete = true
    let count = 0
    const edgeType = this.#typeRun()
    const selector = {
      start: prefix + wanted[0]!.code,
      end: end === undefined ? prefixUpperBound(prefix)! : prefix + end,
    }
    this.stats.scans++
    const source = props ? batched(store.entries(selector)) : keyBatches(store, selector)
    scan: for await (const batch of source) {
      for (let b = 0; b < batch.length; b++) {
        const item = batch[b]!
        const key = typeof item === 'string' ? item : item.key
        if (owner < 0 || !key.startsWith(ownerPrefix)) {
          if (list) keep(owner, list, weight)
          const ownerEnd = componentEnd(key, componentEnd(key, FAMILY_LENGTH))
          ownerPrefix = key.slice(0, ownerEnd)
          const code = key.slice(FAMILY_LENGTH, ownerEnd)
          // Wanted nodes the scan passed without seeing a key have no edges in this family.
          while (next < wanted.length && compareKeys(wanted[next]!.code, code) < 0) {
            keep(wanted[next]!.id, emptyList(reversed, props), NEEDED)
            next++
            served++
          }
          owner = nodes.id(code)
          if (next < wanted.length && wanted[next]!.id === owner) {
            next++
            served++
            weight = NEEDED
          } else if (wantedSet.has(owner) || found.has(owner) || this.isCached(owner)) {
            weight = USELESS
          } else {
            weight = usefulness(owner)
            if (weight < USELESS && room.entries <= 0) weight = USELESS
          }
          list = weight < USELESS ? emptyList(reversed, props) : undefined
        }
        if (list) {
          const typeEnd = edgeType.endIn(key, ownerPrefix.length)
          const typeId = edgeType.value
          if (typeId >= 0) {
            list.types.push(typeId)
            list.nodes.push(nodes.idIn(key, typeEnd, key.length))
            if (list.props) list.props.push((item as { value: Props }).value)
          }
        }
        waste += weight
        count++
        if (waste > seekKeys * served + slack || ((count & 1023) === 0 && signal?.aborted)) {
          complete = false
          break scan
        }
      }
    }
    this.stats.scannedKeys += count
    if (complete) {
      if (list) keep(owner, list, weight)
      for (; next < wanted.length; next++)
        keep(wanted[next]!.id, emptyList(reversed, props), NEEDED)
    }
    return found
  }
}

/** Groups a stream of records into arrays (the keys-only scan reads arrays from the store). */
async function* batched<T>(items: AsyncIterable<T>, size = 1000): AsyncGenerator<T[]> {
  let batch: T[] = []
  for await (const item of items) {
    batch.push(item)
    if (batch.length === size) {
      yield batch
      batch = []
    }
  }
  if (batch.length > 0) yield batch
}
