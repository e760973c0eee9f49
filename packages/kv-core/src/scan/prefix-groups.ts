import type { KvEngine } from '../engine/engine.js'
import { compareKeys, prefixUpperBound } from '../records/keys.js'
import { decodeRecord, isExpired, type KvRecord } from '../records/record.js'

/** The records (or just the keys) under one prefix of a `prefixGroups` call. */
export interface PrefixGroup {
  prefix: string
  keys: string[]
  /** Empty when called with `{ values: false }`. */
  records: KvRecord[]
}

const MAX_BATCH = 1000

/**
 * Reads many prefixes with one iterator that seeks from prefix to prefix, in key order. Opening
 * one iterator per prefix is slower and, with classic-level, grows native memory per iterator;
 * this is the primitive for batched graph frontiers.
 */
export async function* prefixGroups(
  engine: KvEngine,
  base: string,
  prefixes: readonly string[],
  options: { values: boolean; now: () => number },
): AsyncGenerator<PrefixGroup> {
  const sorted = [...new Set(prefixes)].sort(compareKeys)
  if (sorted.length === 0) return
  const upper = prefixUpperBound(base + sorted.at(-1)!)
  const range =
    upper === undefined ? { gte: base + sorted[0] } : { gte: base + sorted[0], lt: upper }
  const iterator = engine.iterator(range)
  try {
    for (const prefix of sorted) {
      const full = base + prefix
      iterator.seek(full)
      const group: PrefixGroup = { prefix, keys: [], records: [] }
      let size = 16
      let inside = true
      while (inside) {
        const batch = await iterator.nextv(size)
        if (batch.length === 0) break
        const now = options.now()
        for (const [key, raw] of batch) {
          if (!key.startsWith(full)) {
            inside = false
            break
          }
          if (isExpired(raw, now)) continue
          const userKey = key.slice(base.length)
          group.keys.push(userKey)
          if (options.values) group.records.push(decodeRecord(userKey, raw))
        }
        size = Math.min(size * 4, MAX_BATCH)
      }
      yield group
    }
  } finally {
    await iterator.close()
  }
}
