import { defaultType } from '../records/keys.js'
import { metaKey, typeIndexPrefix } from '../records/keyspace.js'
import { decodeHeader, isExpired } from '../records/record.js'
import { TRIMMED_THROUGH } from '../stream/stream.js'
import { chunkCount } from '../stream/stream-chunk.js'
import { keyFamily, tagAt } from './key-family.js'
import type { Entry } from './sections.js'

/** The stream head row a shared engine keeps per space (stream/sequencer.ts). */
const STREAM_HEAD = 'stream.head'

/**
 * What a restore changes on the way in: a record expired by now is left out, with its expiry
 * index entry and its type index entry (the index entry follows its record in key order within
 * a space; the expiry index entry is dropped by the instant in its own key). On a shared target
 * it also learns each space's stream head, written at the end so the first write there need not
 * derive it from every chunk.
 */
export class RestoreRules {
  readonly #now: number
  readonly #shared: boolean
  /** Type index keys of records left out: met later in key order, then forgotten. */
  readonly #droppedIndex = new Set<string>()
  readonly #heads = new Map<string, number>()
  dropped = 0
  records = 0

  constructor(now: number, shared: boolean) {
    this.#now = now
    this.#shared = shared
  }

  /** The entries of a batch to write. */
  filter(batch: Entry[]): Entry[] {
    const kept: Entry[] = []
    for (const entry of batch) {
      if (this.#keep(entry)) kept.push(entry)
      else this.dropped++
    }
    return kept
  }

  #keep([key, value]: Entry): boolean {
    const at = tagAt(key)
    if (at < 0) return true
    const letter = key.charCodeAt(at + 1)
    if (letter === 100 /* d */) {
      if (!isExpired(value, this.#now)) {
        this.records++
        return true
      }
      const space = key.slice(0, at)
      const userKey = key.slice(at + 2)
      const { type } = decodeHeader(userKey, value)
      if (type !== defaultType(userKey))
        this.#droppedIndex.add(typeIndexPrefix(space, type) + userKey)
      return false
    }
    if (letter === 116 /* t */)
      return this.#droppedIndex.size === 0 || !this.#droppedIndex.delete(key)
    if (letter === 120 /* x */) return Number(key.slice(at + 2, at + 18)) > this.#now
    if (this.#shared && (letter === 115 /* s */ || letter === 109) /* m */) {
      const { space, tag, rest } = keyFamily(key)!
      if (tag === 's') this.#head(space, Number(rest) + chunkCount(value) - 1)
      else if (rest === TRIMMED_THROUGH) this.#head(space, Number(value))
    }
    return true
  }

  #head(space: string, seq: number): void {
    this.#heads.set(space, Math.max(this.#heads.get(space) ?? 0, seq))
  }

  /** The entries written after the last batch: each space's head row, on a shared engine. */
  finish(): Entry[] {
    return [...this.#heads].map(([space, head]) => [metaKey(space, STREAM_HEAD), String(head)])
  }
}
