import { type EngineKeyIterator, yieldsAny } from '../engine.js'
import { GrowingBloomFilter } from './bloom-filter.js'

/** Internal: tests lower these to drive builds, growth and give-ups on small databases. */
export const KEY_PRESENCE_TUNING = {
  /** After this many reads of absent keys, inserting looks like the workload: build the filter. */
  buildAfterMisses: 4096,
  firstCapacity: 1 << 20,
  /** A first filter sized from the database's size (bytes / 16) is at most this large. */
  estimatedCapacityMax: 1 << 23,
  /** Past 2^25 keys (40 MiB of filter) the engine goes without. */
  maxCapacity: 1 << 25,
  /** Keys a scan adds per event-loop turn (about 2 ms of work). */
  scanBatch: 16_384,
}

/** What KeyPresence needs from its engine. */
export interface PresenceSource {
  /** A keys-only iterator over the whole database, from a snapshot taken now. */
  keys(): EngineKeyIterator
  /** Keys staged for writing that the database does not hold yet. */
  stagedKeys(): Iterable<string>
  /** About how many bytes the database takes on disk. */
  approximateBytes(): Promise<number>
}

/**
 * Knows, for most keys that are absent, that they are absent, so a write of a new key skips its
 * read-before-write (a LevelDB read of a missing key costs 1-3 us: memtable, then each level's
 * index and bloom filter; this check costs about 0.1 us).
 *
 * It holds a Bloom filter of every key the database may hold: all keys a scan found, plus every
 * key written since the scan started (writes are added before they are staged, so before any
 * later transaction can read them). Deletes are not removed, so the filter only ever says
 * "absent" of keys that are. The filter is built once, in the background, only once the workload
 * has read many absent keys (a read-mostly process never pays for the scan); it grows in stages
 * as keys are added, without scanning again.
 */
export class KeyPresence {
  readonly #source: PresenceSource
  /** The filter in use, once a scan has completed. */
  #ready: GrowingBloomFilter | undefined
  /** The filter being filled by a scan in progress. */
  #building: GrowingBloomFilter | undefined
  #scan: EngineKeyIterator | undefined
  #misses = 0
  /** Counters, for tests and benchmarks. */
  readonly stats = { scans: 0, builds: 0, skippedReads: 0 }
  /** The capacity of the filter to build at the next transaction boundary, or 0. */
  #wanted = 0
  #disabled = false
  #closed = false
  /** A key has been written through this filter's engine: an empty-start no longer applies. */
  #written = false

  constructor(source: PresenceSource) {
    this.#source = source
  }

  /**
   * True when `key` is surely not in the database, nor staged, nor written by the transaction in
   * progress: each of those keys went through `adding` (or the scan) first.
   */
  surelyAbsent(key: string): boolean {
    if (this.#ready === undefined || this.#ready.mayContain(key)) return false
    this.stats.skippedReads++
    return true
  }

  /** Whether a filter is in use. */
  get active(): boolean {
    return this.#ready !== undefined
  }

  /** The keys the filter in use is sized for (0 without one). */
  get capacity(): number {
    return this.#ready?.capacity ?? 0
  }

  /** The stages of the filter in use (0 without one). */
  get stages(): number {
    return this.#ready?.stages ?? 0
  }

  /** A database read found a key absent. */
  missed(): void {
    if (++this.#misses === KEY_PRESENCE_TUNING.buildAfterMisses && !this.#ready) this.#plan()
  }

  /**
   * Sizes the first filter from the database's size on disk, so a large database is not
   * scanned into a filter that then needs many stages; wants it built once known.
   */
  #plan(): void {
    const { firstCapacity, estimatedCapacityMax } = KEY_PRESENCE_TUNING
    const sized = (bytes: number) => {
      let capacity = firstCapacity
      while (capacity < bytes / 16 && capacity < estimatedCapacityMax) capacity *= 2
      if (!this.#closed) this.#wanted = capacity
    }
    this.#source.approximateBytes().then(sized, () => sized(0))
  }

  /**
   * Starts with an empty filter, in use at once, when the database holds no key: there is
   * nothing to scan, and a database that starts empty is about to be written. Without this, a
   * bulk load into a new database read every key of its first transactions (about 120,000 of
   * a 1M-edge graph import) while the filter waited for event-loop turns to be built.
   */
  async startIfEmpty(): Promise<void> {
    const empty = !(await yieldsAny(this.#source.keys()))
    const untouched = !this.#written && this.#ready === undefined && this.#building === undefined
    if (empty && untouched && !this.#closed && !this.#disabled) {
      this.#ready = new GrowingBloomFilter(KEY_PRESENCE_TUNING.firstCapacity)
      this.stats.builds++
    }
  }

  /** `key` is about to be written (by a transaction in progress). */
  adding(key: string): void {
    this.#written = true
    const ready = this.#ready
    if (ready) {
      ready.add(key)
      if (ready.capacity > KEY_PRESENCE_TUNING.maxCapacity) this.#disable()
    }
    this.#building?.add(key)
  }

  /**
   * Called between transactions. A scan starts only here: every write is then either staged or
   * in the database, whereas a transaction in progress has writes that are neither yet.
   */
  between(): void {
    if (this.#wanted === 0) return
    const capacity = this.#wanted
    this.#wanted = 0
    this.#build(capacity)
  }

  async close(): Promise<void> {
    this.#closed = true
    await this.#scan?.close()
  }

  #disable(): void {
    this.#disabled = true
    this.#ready = undefined
  }

  /** Scans the database into a filter, used once the scan completes. */
  #build(capacity: number): void {
    if (this.#disabled || this.#closed) return
    const filter = new GrowingBloomFilter(capacity)
    // Written before the scan's snapshot but not in it: staged, so added now.
    for (const key of this.#source.stagedKeys()) filter.add(key)
    this.#building = filter
    this.#scan = this.#source.keys()
    this.stats.scans++
    void this.#fill(filter, this.#scan)
  }

  async #fill(filter: GrowingBloomFilter, scan: EngineKeyIterator): Promise<void> {
    let complete = false
    try {
      const size = KEY_PRESENCE_TUNING.scanBatch
      for (let batch = await scan.nextv(size); ; batch = await scan.nextv(size)) {
        if (this.#closed || filter.capacity > KEY_PRESENCE_TUNING.maxCapacity) break
        if (batch.length === 0) {
          complete = true
          break
        }
        for (const key of batch) filter.add(key)
      }
    } catch {
      // The database closed under the scan: the filter is simply not used.
    } finally {
      await scan.close().catch(() => {})
    }
    if (this.#building !== filter) return
    this.#building = undefined
    this.#scan = undefined
    if (filter.capacity > KEY_PRESENCE_TUNING.maxCapacity) this.#disable()
    else if (complete) {
      this.#ready = filter
      this.stats.builds++
    }
  }
}
