/**
 * A blocked Bloom filter over strings: each key sets 7 bits inside one 512-bit block (one cache
 * line), sized at 10 bits per key of capacity, for a false-positive rate near 1% at capacity.
 * There are no false negatives: a key that was added always "may be present".
 */
export class BloomFilter {
  readonly capacity: number
  /** Keys added, counting repeats (the filter cannot tell them apart). */
  added = 0
  readonly #words: Int32Array
  readonly #blocks: number

  constructor(capacity: number) {
    this.capacity = capacity
    this.#blocks = Math.max(1, Math.ceil((capacity * BITS_PER_KEY) / BLOCK_BITS))
    this.#words = new Int32Array(this.#blocks * BLOCK_WORDS)
  }

  /** Bytes of memory the bits take. */
  get bytes(): number {
    return this.#words.byteLength
  }

  add(key: string): void {
    this.#probe(key, true)
    this.added++
  }

  mayContain(key: string): boolean {
    return this.#probe(key, false)
  }

  /** Visits the key's bits in its block: sets them, or tells whether all of them are set. */
  #probe(key: string, set: boolean): boolean {
    hashKey(key)
    const words = this.#words
    const base = ((hashA >>> 0) % this.#blocks) * BLOCK_WORDS
    let h = hashB
    const delta = (h >>> 17) | (h << 15)
    for (let i = 0; i < PROBES; i++) {
      const word = base + ((h & (BLOCK_BITS - 1)) >>> 5)
      const mask = 1 << (h & 31)
      if (set) words[word]! |= mask
      else if ((words[word]! & mask) === 0) return false
      h = (h + delta) | 0
    }
    return true
  }
}

/**
 * A Bloom filter that grows without its keys: when the newest stage is full, a 4x larger one
 * takes the keys added from then on (a "scalable" Bloom filter). A key may be in any stage, so an
 * absent key is probed in each; with 4x growth there are few (1M -> 32M keys takes four), and the
 * false-positive rate is about 1% per full stage. The alternative, rebuilding a larger filter
 * from a scan of the database, cost a bulk load about a fifth of its time.
 */
export class GrowingBloomFilter {
  readonly #stages: BloomFilter[]
  #capacity: number

  constructor(capacity: number) {
    this.#stages = [new BloomFilter(capacity)]
    this.#capacity = capacity
  }

  /** Keys the stages so far are sized for. */
  get capacity(): number {
    return this.#capacity
  }

  get stages(): number {
    return this.#stages.length
  }

  get bytes(): number {
    let bytes = 0
    for (const stage of this.#stages) bytes += stage.bytes
    return bytes
  }

  add(key: string): void {
    let newest = this.#stages[this.#stages.length - 1]!
    if (newest.added >= newest.capacity) {
      newest = new BloomFilter(newest.capacity * GROWTH)
      this.#stages.push(newest)
      this.#capacity += newest.capacity
    }
    newest.add(key)
  }

  mayContain(key: string): boolean {
    // Newest first: most keys that are there were added recently.
    for (let i = this.#stages.length - 1; i >= 0; i--) {
      if (this.#stages[i]!.mayContain(key)) return true
    }
    return false
  }
}

const GROWTH = 4
const BITS_PER_KEY = 10
const BLOCK_BITS = 512
const BLOCK_WORDS = BLOCK_BITS / 32
const PROBES = 7

// Two 32-bit hashes of the last key, in module state so hashing allocates nothing. A key just
// read is usually written next (read-before-write), so the last key's hashes are reused.
let hashedKey: string | undefined
let hashA = 0
let hashB = 0

/** FNV-1a and a multiply-rotate hash over the UTF-16 code units, computed in one pass. */
function hashKey(key: string): void {
  if (key === hashedKey) return
  let a = 0x811c9dc5
  let b = 0x9747b28c
  for (let i = 0; i < key.length; i++) {
    const c = key.charCodeAt(i)
    a = Math.imul(a ^ c, 0x01000193)
    b = Math.imul(b ^ c, 0x5bd1e995)
    b ^= b >>> 15
  }
  hashA = a ^ (a >>> 16)
  hashB = Math.imul(b ^ (b >>> 13), 0xc2b2ae35)
  hashedKey = key
}
