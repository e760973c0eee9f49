import type { JsonValue } from '../records/json.js'
import { compareKeys, defaultType } from '../records/keys.js'
import type { KvMutation } from '../writes/mutations.js'

/** A record as the model keeps it; `expiresAt` 0 means no TTL. */
export interface ModelRecord {
  version: number
  type: string
  value: JsonValue
  expiresAt: number
}

/** What JSON keeps of a value (-0 becomes 0). */
export const roundTrip = (value: JsonValue): JsonValue => JSON.parse(JSON.stringify(value))

/** An independent RFC 7396 merge patch (recursive, plain objects, own members only). */
export function mergePatch(target: JsonValue | undefined, patch: JsonValue): JsonValue {
  if (typeof patch !== 'object' || patch === null || Array.isArray(patch)) return patch
  const out: Record<string, JsonValue> =
    typeof target === 'object' && target !== null && !Array.isArray(target)
      ? JSON.parse(JSON.stringify(target))
      : {}
  for (const [k, v] of Object.entries(patch)) {
    if (v === null) delete out[k]
    else {
      const current = Object.hasOwn(out, k) ? out[k] : undefined
      const value = mergePatch(current, v)
      Object.defineProperty(out, k, { value, enumerable: true, writable: true, configurable: true })
    }
  }
  return out
}

/**
 * The whole store as plain data: every stored record (an expired one stays stored until a sweep
 * or a write to its key removes it, as in the store), read at the model's clock.
 */
export class StoreModel {
  records = new Map<string, ModelRecord>()

  isLive(record: ModelRecord, now: number): boolean {
    return record.expiresAt === 0 || record.expiresAt > now
  }

  /** The live records, in key order. */
  live(now: number, prefix = ''): [string, ModelRecord][] {
    return [...this.records]
      .filter(([key, r]) => key.startsWith(prefix) && this.isLive(r, now))
      .sort(([a], [b]) => compareKeys(a, b))
  }

  /** Removes every expired record, as `sweepExpired` does; returns how many. */
  sweep(now: number): number {
    let swept = 0
    for (const [key, record] of [...this.records])
      if (!this.isLive(record, now)) swept += this.records.delete(key) ? 1 : 0
    return swept
  }

  /**
   * Applies a mutate call: all of it, or (on a failed check) none. Returns the rows of each
   * mutation, or the index of the first failed check.
   */
  mutate(mutations: KvMutation[], now: number): number[] | { conflictAt: number } {
    const scratch = new Map(this.records)
    const rows: number[] = []
    for (const [i, m] of mutations.entries()) {
      const result = applyOne(scratch, m, now)
      if (result === 'conflict') return { conflictAt: i }
      rows.push(result)
    }
    this.records = scratch
    return rows
  }
}

function live(records: Map<string, ModelRecord>, key: string, now: number) {
  const record = records.get(key)
  if (record && record.expiresAt !== 0 && record.expiresAt <= now) {
    // Expired, not swept: a write to the key removes it first (an `expire` entry).
    records.delete(key)
    return undefined
  }
  return record
}

function applyOne(
  records: Map<string, ModelRecord>,
  m: KvMutation,
  now: number,
): number | 'conflict' {
  if (m.op === 'deletePrefix' || m.op === 'deleteRange') {
    let rows = 0
    for (const [key, record] of [...records]) {
      const inside =
        m.op === 'deletePrefix'
          ? key.startsWith(m.prefix)
          : compareKeys(key, m.start) >= 0 && compareKeys(key, m.end) < 0
      if (!inside) continue
      records.delete(key)
      if (record.expiresAt === 0 || record.expiresAt > now) rows++
    }
    return rows
  }
  const current = live(records, m.key, now)
  const version = m.version
  if (version !== undefined && version !== -1) {
    if (version === 0 ? current !== undefined : current?.version !== version) return 'conflict'
  }
  const next = (current?.version ?? 0) + 1
  switch (m.op) {
    case 'put': {
      const expiresAt = m.ttl === undefined ? 0 : now + m.ttl
      const value = roundTrip(m.value)
      records.set(m.key, { version: next, type: defaultType(m.key), value, expiresAt })
      return 1
    }
    case 'patch': {
      const value = roundTrip(mergePatch(current?.value, m.patch))
      const type = current?.type ?? defaultType(m.key)
      records.set(m.key, { version: next, type, value, expiresAt: current?.expiresAt ?? 0 })
      return 1
    }
    case 'delete':
      return records.delete(m.key) ? 1 : 0
    case 'check':
      return 0
  }
}
