import type { CommittedChange } from './commit-listeners.js'
import type { EngineTxn } from './engine.js'
import type { JsonValue } from './json.js'
import { encodeJson } from './json.js'
import { defaultType } from './keys.js'
import { expiryKey, TAG_RECORD, typeIndexPrefix } from './keyspace.js'
import { mergePatch } from './merge-patch.js'
import { type Limits, type PreparedMutation, versionConflict } from './mutations.js'
import { decodeHeader, encodeRecord, type KvRecord, type RecordHeader } from './record.js'
import { engineRange } from './selector.js'

/** A committed change, as the change stream records it. */
export interface Change extends CommittedChange {
  /** The new value's JSON; for delete and expire, the last value's. */
  valueJson: string
}

/** What one transaction needs to apply mutations to one store space. */
export interface ApplyContext {
  txn: EngineTxn
  space: string
  limits: Limits
  now: number
  /** `now` as ISO-8601, computed once per transaction. */
  iso: string
  /** Collects changes when the change stream is on or commit listeners are registered. */
  changes?: Change[]
}

export interface Applied {
  rows: number
  record?: KvRecord
}

type Current = (RecordHeader & { raw: string; bodyStart: number }) | undefined

/** Applies one validated mutation. Throws KV_VERSION_CONFLICT (the transaction then writes nothing). */
export async function applyMutation(
  ctx: ApplyContext,
  m: PreparedMutation,
  index?: number,
): Promise<Applied> {
  switch (m.op) {
    case 'put': {
      const current = await readCurrent(ctx, m.key)
      checkVersion('put', m.key, m.version, current, index)
      const expiresAt = m.ttl === undefined ? 0 : ctx.now + m.ttl
      const record = writeRecord(ctx, m.key, current, m.json, m.value, m.type, expiresAt)
      return { rows: 1, record }
    }
    case 'patch': {
      const current = await readCurrent(ctx, m.key)
      checkVersion('patch', m.key, m.version, current, index)
      const previous =
        current === undefined
          ? undefined
          : (JSON.parse(current.raw.slice(current.bodyStart)) as JsonValue)
      const value = mergePatch(previous, m.patch)
      const json = encodeJson(value, ctx.limits.maxValueBytes, 'patched value')
      const record = writeRecord(
        ctx,
        m.key,
        current,
        json,
        value,
        current?.type,
        current?.expiresAt ?? 0,
      )
      return { rows: 1, record }
    }
    case 'delete': {
      const current = await readCurrent(ctx, m.key)
      checkVersion('delete', m.key, m.version, current, index)
      if (current === undefined) return { rows: 0 }
      removeRecord(ctx, m.key, current, 'delete')
      return { rows: 1 }
    }
    case 'deleteBounds': {
      const base = ctx.space + TAG_RECORD
      let rows = 0
      for await (const batch of ctx.txn.entries(engineRange(base, m.bounds))) {
        for (const [internalKey, raw] of batch) {
          const header = { ...decodeHeader(raw), raw }
          const expired = header.expiresAt !== 0 && header.expiresAt <= ctx.now
          removeRecord(ctx, internalKey.slice(base.length), header, expired ? 'expire' : 'delete')
          if (!expired) rows++
        }
      }
      return { rows }
    }
    case 'check': {
      const current = await readCurrent(ctx, m.key)
      checkVersion('check', m.key, m.version, current, index)
      return { rows: 0 }
    }
  }
}

/** The live record of a key; an expired one counts as absent (the sweep removes it later). */
async function readCurrent(ctx: ApplyContext, key: string): Promise<Current> {
  const raw = await ctx.txn.get(ctx.space + TAG_RECORD + key)
  if (raw === undefined) return undefined
  const header = { ...decodeHeader(raw), raw }
  if (header.expiresAt !== 0 && header.expiresAt <= ctx.now) {
    // Expired but not swept yet: it expires now, so the stream sees the expiry before the write.
    removeRecord(ctx, key, header, 'expire')
    return undefined
  }
  return header
}

function checkVersion(
  op: string,
  key: string,
  expected: number | undefined,
  current: Current,
  index?: number,
): void {
  if (expected === undefined) return
  const found = current?.version
  if (expected === 0 ? found !== undefined : found !== expected) {
    throw versionConflict(op, key, expected, found, index)
  }
}

function writeRecord(
  ctx: ApplyContext,
  key: string,
  current: Current,
  json: string,
  value: JsonValue,
  type: string | undefined,
  expiresAt: number,
): KvRecord {
  const header: RecordHeader = {
    version: (current?.version ?? 0) + 1,
    created: current?.created ?? ctx.iso,
    updated: ctx.iso,
    expiresAt,
    type: type ?? defaultType(key),
  }
  const internalKey = ctx.space + TAG_RECORD + key
  ctx.txn.put(internalKey, encodeRecord(header, json))
  updateTypeIndex(ctx, key, current?.type, header.type)
  if (current?.expiresAt && current.expiresAt !== expiresAt)
    ctx.txn.del(expiryKey(current.expiresAt, internalKey))
  if (expiresAt && current?.expiresAt !== expiresAt)
    ctx.txn.put(expiryKey(expiresAt, internalKey), '')
  ctx.changes?.push({
    action: current === undefined ? 'create' : 'update',
    key,
    version: header.version,
    type: header.type,
    valueJson: json,
  })
  const record: KvRecord = {
    key,
    version: header.version,
    type: header.type,
    created: header.created,
    updated: header.updated,
    value,
  }
  if (expiresAt) record.expires = new Date(expiresAt).toISOString()
  return record
}

export function removeRecord(
  ctx: ApplyContext,
  key: string,
  current: RecordHeader & { raw: string; bodyStart: number },
  action: 'delete' | 'expire',
): void {
  const internalKey = ctx.space + TAG_RECORD + key
  ctx.txn.del(internalKey)
  updateTypeIndex(ctx, key, current.type, undefined)
  if (current.expiresAt) ctx.txn.del(expiryKey(current.expiresAt, internalKey))
  ctx.changes?.push({
    action,
    key,
    version: current.version,
    type: current.type,
    valueJson: current.raw.slice(current.bodyStart),
  })
}

/** Only records whose type differs from their key's default type are indexed (see keyspace.ts). */
function updateTypeIndex(
  ctx: ApplyContext,
  key: string,
  before: string | undefined,
  after: string | undefined,
): void {
  if (before === after) return
  const natural = defaultType(key)
  if (before !== undefined && before !== natural)
    ctx.txn.del(typeIndexPrefix(ctx.space, before) + key)
  if (after !== undefined && after !== natural)
    ctx.txn.put(typeIndexPrefix(ctx.space, after) + key, '')
}
