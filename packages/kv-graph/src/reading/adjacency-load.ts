import { compareKeys, prefixUpperBound, type Store } from '@kvgraph/core'
import { componentEnd, edgeKeyOwnerEnd, FAMILY_LENGTH, OUT_FAMILY } from '../key-codec.js'
import type { StoreAccess } from '../store-access.js'
import type { LoadTuning } from '../tuning.js'
import type { AdjacencyEpoch } from './adjacency-epoch.js'
import type { FamilyTable } from './family-table.js'
import { turnAround } from './turn-around.js'

interface Probe {
  epoch: AdjacencyEpoch
  generation: number
  /** The out table's `clears` when the probe began: a reset since then lost its lists. */
  clears: number
  /** Node codes the graph's traversals had met before the probe, sorted. */
  sample: string[]
  /** The code of the first owner the probe did not read (undefined: it read the whole family). */
  end: string | undefined
  keys: number
  /** Keys the whole family holds, estimated (see `estimateKeys`). */
  estimate: number
  /** Every owner read, in key order. */
  owners: number[]
}

/** What loads need from the graph's shared adjacency. */
export interface LoadTarget {
  readonly generation: number
  readonly capacity: number
}

/**
 * Loads a graph's whole adjacency into its held tables once reading it node by node has cost
 * more than scanning it would (ski rental, weighted towards loading by `keysPerSeek`). Readers
 * `charge` every seek; the Graph runs the step that is `due` before an operation reads (never a
 * read itself). When the credit covers the family, one scan of the out family fills the
 * out table and, turned around, the in table (the in family holds the same edges), and both
 * are marked complete: a node they do not hold has no edges, so later searches never seek.
 *
 * The family's size is not known up front. A first scan (the probe) reads its first keys; the
 * share of the codes the traversals met that sort before where the probe stopped estimates
 * the share of the family it read. The rest is read once the credit reaches that estimate.
 *
 * Everything read is kept only while no change has committed since the probe (the generation):
 * a load a commit overtook is dropped, and the credit builds up again.
 */
export class AdjacencyLoad {
  readonly #target: LoadTarget
  readonly #tuning: LoadTuning
  readonly #access: StoreAccess
  #credit = 0
  /** Credit at which the next step runs. */
  #due: number
  #probe: Probe | undefined
  #running: Promise<void> | undefined

  /** Counters, for tests and benchmarks. */
  readonly stats = { probes: 0, loads: 0, scannedKeys: 0, estimatedKeys: 0 }

  constructor(target: LoadTarget, tuning: LoadTuning, access: StoreAccess) {
    this.#target = target
    this.#tuning = tuning
    this.#access = access
    this.#due = this.#firstDue()
  }

  /** Adds the cost of `seeks` seeks to the credit. */
  charge(seeks: number): void {
    this.#credit += seeks * this.#tuning.keysPerSeek
  }

  /** Whether a step (probe or load) should run before the next read. */
  get due(): boolean {
    return this.#credit >= this.#due
  }

  /** Runs the step that is due (concurrent callers share one). */
  run(store: Store, epoch: AdjacencyEpoch): Promise<void> {
    this.#running ??= this.#step(store, epoch).finally(() => {
      this.#running = undefined
    })
    return this.#running
  }

  async #step(store: Store, epoch: AdjacencyEpoch): Promise<void> {
    if (epoch.table('out').complete && epoch.table('in').complete) {
      // Held whole already (until a reset): nothing to buy.
      this.#credit = 0
      return
    }
    const generation = this.#target.generation
    let probe = this.#probe
    if (
      !probe ||
      probe.epoch !== epoch ||
      probe.generation !== generation ||
      probe.clears !== epoch.table('out').clears
    ) {
      probe = await this.#runProbe(store, epoch, generation)
      if (!probe) return
    }
    if (probe.end !== undefined) {
      const { estimate } = probe
      if (estimate > this.#target.capacity) {
        // Too large to hold: ask again only after seeking as much as this estimate again.
        this.#due = this.#credit + estimate
        return
      }
      if (this.#credit < estimate) {
        this.#due = estimate
        return
      }
      if (!(await this.#loadRest(store, probe))) return
    }
    this.#finish(probe)
  }

  #firstDue(): number {
    return this.#tuning.probeAfterSeeks * this.#tuning.keysPerSeek
  }

  /** Reads the family's first keys; undefined when a commit overtook it. */
  async #runProbe(
    store: Store,
    epoch: AdjacencyEpoch,
    generation: number,
  ): Promise<Probe | undefined> {
    this.stats.probes++
    const sample = sampleCodes(epoch.nodes.values, this.#tuning.sampleSize)
    const clears = epoch.table('out').clears
    const owners: number[] = []
    const scan = new OutScan(store, this.#access, epoch, this.#target, generation, owners)
    const result = await scan.range(OUT_FAMILY, undefined, this.#tuning.probeKeys)
    this.stats.scannedKeys += result.keys
    if (!result.complete) {
      this.#probe = undefined
      this.#due = this.#credit + this.#firstDue()
      return undefined
    }
    const end = result.stop
    const keys = result.keys
    const estimate = end === undefined ? keys : await estimateKeys(store, keys, end, sample)
    this.stats.estimatedKeys = estimate
    this.#probe = { epoch, generation, clears, sample, end, keys, estimate, owners }
    return this.#probe
  }

  /** Reads the rest of the family after the probe, as a few ranges at once. */
  async #loadRest(store: Store, probe: Probe): Promise<boolean> {
    const start = probe.end!
    const bounds = [start, ...splitPoints(probe.sample, start, this.#tuning.ways), undefined]
    const parts = []
    for (let i = 0; i + 1 < bounds.length; i++) {
      const owners: number[] = []
      const scan = new OutScan(
        store,
        this.#access,
        probe.epoch,
        this.#target,
        probe.generation,
        owners,
      )
      parts.push(
        scan
          .range(OUT_FAMILY + bounds[i], bounds[i + 1] && OUT_FAMILY + bounds[i + 1], Infinity)
          .then((result) => ({ result, owners })),
      )
    }
    const done = await Promise.all(parts)
    let complete = true
    for (const { result, owners } of done) {
      this.stats.scannedKeys += result.keys
      complete &&= result.complete
      for (const owner of owners) probe.owners.push(owner)
    }
    if (!complete || this.#target.generation !== probe.generation) {
      this.#probe = undefined
      this.#due = this.#credit + this.#firstDue()
      return false
    }
    probe.end = undefined
    return true
  }

  /** Marks the out table complete and builds the in table from the same edges turned around. */
  #finish(probe: Probe): void {
    this.#probe = undefined
    this.#credit = 0
    this.#due = this.#firstDue()
    const { epoch, owners } = probe
    const out = epoch.table('out')
    if (this.#target.generation !== probe.generation || out.clears !== probe.clears) return
    this.stats.loads++
    out.cover()
    const inTable = epoch.table('in')
    if (inTable.used + out.used > this.#target.capacity) return
    if (turnAround(out, owners, epoch.nodes.size, epoch.types.values, inTable)) inTable.cover()
  }
}

/**
 * A scan of out keys that puts each owner's list into the out table as the owner ends, and
 * records the owners in the order read.
 *
 * This loop runs once per edge of the graph, so it does the least it can per key: a key whose
 * owner and edge type match the previous key's (most keys: they come grouped by owner, then
 * type) is told apart by comparing those characters in place, and only the other end is looked
 * up; the owner's list is gathered in typed arrays that are reused, not regrown, owner to owner.
 */
class OutScan {
  readonly #store: Store
  readonly #access: StoreAccess
  readonly #epoch: AdjacencyEpoch
  readonly #target: LoadTarget
  readonly #generation: number
  readonly #owners: number[]
  readonly #table: FamilyTable
  /** The current owner's list: `#count` entries of edge type and other end. */
  #types: Int32Array = new Int32Array(1024)
  #others: Int32Array = new Int32Array(1024)
  #count = 0

  constructor(
    store: Store,
    access: StoreAccess,
    epoch: AdjacencyEpoch,
    target: LoadTarget,
    generation: number,
    owners: number[],
  ) {
    this.#store = store
    this.#access = access
    this.#epoch = epoch
    this.#target = target
    this.#generation = generation
    this.#owners = owners
    this.#table = epoch.table('out')
  }

  /**
   * Reads keys from `start` to `end` (or the family's end), stopping at the first owner that
   * starts after `maxKeys` keys. `stop` is that owner's code; `complete` is false when a commit
   * overtook the scan or the table would outgrow its capacity (nothing more is kept then).
   */
  async range(
    start: string,
    end: string | undefined,
    maxKeys: number,
  ): Promise<{ keys: number; stop: string | undefined; complete: boolean }> {
    const { nodes, types } = this.#epoch
    const selector = { start, end: end ?? prefixUpperBound(OUT_FAMILY)! }
    let keys = 0
    let owner = -1
    let type = -1
    /** The last key that began an owner or an edge type, and where its owner and type end. */
    let last = ''
    let ownerEnd = 0
    let otherStart = 0
    const batches = this.#access.rawKeyBatches(this.#store, selector, { batchSize: LOAD_BATCH })
    for await (const { keys: batch, offset } of batches) {
      // Keys as the engine holds them: the owner's code starts past the store's prefix too.
      const codeStart = offset + FAMILY_LENGTH
      for (let b = 0; b < batch.length; b++) {
        const key = batch[b]!
        if (owner < 0 || !sameSpan(key, last, codeStart, otherStart)) {
          if (owner < 0 || !sameSpan(key, last, codeStart, ownerEnd)) {
            if (owner >= 0 && !this.#keep(owner)) return { keys, stop: undefined, complete: false }
            ownerEnd = edgeKeyOwnerEnd(key, codeStart)
            if (keys >= maxKeys) {
              return { keys, stop: key.slice(codeStart, ownerEnd), complete: true }
            }
            owner = nodes.idIn(key, codeStart, ownerEnd)
          }
          otherStart = componentEnd(key, ownerEnd)
          type = types.idIn(key, ownerEnd, otherStart)
          last = key
        }
        this.#push(type, nodes.idIn(key, otherStart, key.length))
        keys++
      }
    }
    if (owner >= 0 && !this.#keep(owner)) return { keys, stop: undefined, complete: false }
    return { keys, stop: undefined, complete: true }
  }

  #push(type: number, other: number): void {
    if (this.#count === this.#others.length) {
      this.#types = grown(this.#types)
      this.#others = grown(this.#others)
    }
    this.#types[this.#count] = type
    this.#others[this.#count++] = other
  }

  /** Puts an owner's list (unless held already); false once nothing more may be kept. */
  #keep(owner: number): boolean {
    const count = this.#count
    const table = this.#table
    let kept = this.#target.generation === this.#generation
    if (kept && !table.has(owner)) {
      kept = table.used + count <= this.#target.capacity
      if (kept) table.put(owner, this.#types.subarray(0, count), this.#others.subarray(0, count))
    }
    this.#owners.push(owner)
    this.#count = 0
    return kept
  }
}

/** Keys per batch of a load's scans: fewer round trips to the engine than the default. */
const LOAD_BATCH = 10_000

/** Whether `a` and `b` have the same characters in [from, to) (compared from the end, where keys of neighbouring owners differ). */
function sameSpan(a: string, b: string, from: number, to: number): boolean {
  for (let i = to - 1; i >= from; i--) if (a.charCodeAt(i) !== b.charCodeAt(i)) return false
  return true
}

function grown(array: Int32Array): Int32Array {
  const larger = new Int32Array(array.length * 2)
  larger.set(array)
  return larger
}

/** Up to `size` of the codes, spread over ids (ids follow first sight, not key order), sorted. */
function sampleCodes(codes: readonly string[], size: number): string[] {
  const step = Math.max(1, codes.length / size)
  const sample: string[] = []
  for (let at = 0; at < codes.length; at += step) sample.push(codes[Math.floor(at)]!)
  return sample.sort(compareKeys)
}

/**
 * The family's keys, estimated from the probe. Where the store can tell how many bytes a range
 * takes on disk, the probe's keys scale by the family's bytes over the bytes of the range the
 * probe read (keys of one family are alike in size). Otherwise, the share of sampled codes that
 * sort before the probe's end stands for the share of the family it read: codes the traversals
 * met, so on graphs whose out-degrees vary widely it misses by up to half in either direction.
 */
async function estimateKeys(
  store: Store,
  keys: number,
  end: string,
  sample: readonly string[],
): Promise<number> {
  const read = await store.approximateSize({ start: OUT_FAMILY, end: OUT_FAMILY + end })
  if (read >= MIN_SIZED_BYTES) {
    const all = await store.approximateSize({ prefix: OUT_FAMILY })
    return Math.ceil((keys * all) / read)
  }
  let below = 0
  while (below < sample.length && compareKeys(sample[below]!, end) < 0) below++
  // With no sampled code below the end, count one: an overestimate only waits for more credit.
  return Math.ceil((keys * (sample.length + 1)) / (below + 1))
}

/**
 * Bytes on disk the probe's range must take for sizes to estimate the family: several of
 * LevelDB's 4 KiB blocks, so that block granularity is a small error. Less means the probe's keys
 * are still mostly in the write buffer, where sizes do not count them.
 */
const MIN_SIZED_BYTES = 32 * 1024

/** Codes after `start` that cut the rest of the family into `ways` ranges of about equal keys. */
function splitPoints(sample: readonly string[], start: string, ways: number): string[] {
  const after = sample.filter((code) => compareKeys(code, start) > 0)
  const points: string[] = []
  for (let i = 1; i < ways; i++) {
    const code = after[Math.floor((i * after.length) / ways)]
    if (code !== undefined && (points.length === 0 || code !== points.at(-1))) points.push(code)
  }
  return points
}
