import type { Adjacency, AdjList } from './adjacency.js'
import { AdjacencyCache } from './adjacency-cache.js'
import { FamilyScan } from './family-scan.js'
import { HeldView } from './held-view.js'
import type { ReaderContext, ReaderSpec, ReaderStats } from './reader-context.js'
import { SeekReader } from './seek-reader.js'

/**
 * The adjacency of one search direction over a store, from three strategies:
 * - held tables: the graph's adjacency held across traversals (whole lists, filtered by type
 *   here), read at once with no promise (`readHeld`);
 * - a batched seek reader for the lists not at hand, together with those of nodes the search
 *   will likely want next (which wait in this reader's read-ahead cache);
 * - a family scan for large frontiers (`prefetch`), when scanning is cheaper than seeking.
 * It never loads the whole adjacency: the Graph decides that, between operations.
 */
export class AdjacencyReader implements Adjacency {
  readonly #ctx: ReaderContext
  readonly #cache: AdjacencyCache
  /** The graph's held tables, when this reader can use them (it reads no props). */
  readonly #held: HeldView | undefined
  readonly #seeks: SeekReader
  readonly #scan: FamilyScan

  /** Counters, for tests and benchmarks. */
  readonly stats: ReaderStats = { batches: 0, seeks: 0, scans: 0, scannedKeys: 0, sharedHits: 0 }

  constructor(ctx: ReaderContext, spec: ReaderSpec) {
    this.#ctx = ctx
    this.#cache = new AdjacencyCache(ctx.cacheEntries)
    const filter = spec.typeFilter && new Set(spec.typeFilter)
    if (!spec.props && ctx.held)
      this.#held = new HeldView(ctx.held, spec.families, filter, ctx.types)
    const parts = { ctx, spec, filter, held: this.#held, stats: this.stats }
    this.#seeks = new SeekReader(parts)
    this.#scan = new FamilyScan(parts, this.#cache)
  }

  isCached(id: number): boolean {
    return this.#cache.has(id) || this.#held?.has(id) === true
  }

  /**
   * Lists read ahead are taken out of the cache (or kept there, with `keep`); the others are
   * read in one batch, together with the lists of `ahead` (which go to the cache).
   */
  async read(
    ids: readonly number[],
    ahead: readonly number[] = [],
    keep = false,
  ): Promise<AdjList[]> {
    const result: AdjList[] = new Array(ids.length)
    // Where lists are missing; built only then (a graph holding its adjacency never needs it).
    let missingAt: number[] | undefined
    for (let i = 0; i < ids.length; i++) {
      const id = ids[i]!
      const list = (keep ? this.#cache.get(id) : this.#cache.take(id)) ?? this.#fromHeld(id)
      if (list) {
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
    const lists = await this.#seeks.read(missing.concat(extra))
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

  readHeld(ids: readonly number[]): AdjList[] | undefined {
    if (!this.#held) return undefined
    const result: AdjList[] = new Array(ids.length)
    for (let i = 0; i < ids.length; i++) {
      const list = this.#fromHeld(ids[i]!)
      if (!list) return undefined
      result[i] = list
    }
    return result
  }

  prefetch(ids: readonly number[], usefulness: (id: number) => number): Promise<void> | undefined {
    if (ids.length < this.#ctx.tuning.scanMin) return // fewer wanted still: no set to build
    if (this.#held?.holdsWhole()) return // read() serves every list, or seeks the few dropped since
    return this.#scan.prefetch(ids, usefulness)
  }

  /** Keeps a list for later reads, unless the held tables have it already. */
  #hold(id: number, list: AdjList): void {
    if (!this.#held?.has(id)) this.#cache.put(id, list)
  }

  #fromHeld(id: number): AdjList | undefined {
    const list = this.#held?.get(id)
    if (list) this.stats.sharedHits++
    return list
  }
}
