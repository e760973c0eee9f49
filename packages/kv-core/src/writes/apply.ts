import type { EngineTxn } from '../engine/engine.js'
import type { Change } from '../records/changes.js'
import type { JsonValue } from '../records/json.js'
import { encodeJson } from '../records/json.js'
import { defaultType } from '../records/keys.js'
import { expiryKey, TAG_RECORD, typeIndexPrefix } from '../records/keyspace.js'
import { mergePatch } from '../records/merge-patch.js'
import { decodeHeader, encodeRecord, type KvRecord, type StoredHeader } from '../records/record.js'
import { isoOf } from '../records/stamp.js'
import { engineRange } from '../scan/selector.js'
import { type Limits, type PreparedMutation, versionConflict } from './mutations.js'

/** What one transaction needs to apply mutations to one store space. */
export interface ApplyContext {
  txn: EngineTxn
  space: string
  limits: Limits
  now: number
  /** Collects changes when the change stream is on or commit listeners are registered. */
  changes?: Change[]
  /** Set by callers that return the written record (put, patch); mutate only counts rows. */
  wantRecord?: boolean
  /** The last record written, when `wantRecord` is set. */
  record?: KvRecord
}

type Current = StoredHeader | undefined
type Rows = number | Promise<number>

/**
 * Applies one validated mutation and gives the rows it affected. Throws KV_VERSION_CONFLICT (the
 * transaction then writes nothing). Synchronous when the engine read was (the common case), so a
 * large mutate does not pay a promise per step.
 */
export function applyMutation(ctx: ApplyContext, m: PreparedMutation, index?: number): Rows {
  if (m.op === 'deleteBounds') return deleteBounds(ctx, m)
  const internalKey = ctx.space + TAG_RECORD + m.key
  const raw = ctx.txn.get(internalKey)
  if (raw instanceof Promise) return raw.then((r) => applyTo(ctx, m, index, internalKey, r))
  return applyTo(ctx, m, index, internalKey, raw)
}

/** Applies a single-key mutation given the raw record the transaction read for its key. */
export function applyTo(
  ctx: ApplyContext,
  m: Exclude<PreparedMutation, { op: 'deleteBounds' }>,
  index: number | undefined,
  internalKey: string,
  raw: string | undefined,
): number {
  const current = liveRecord(ctx, m.key, internalKey, raw)
  if (m.version !== undefined) checkVersion(m.op, m.key, m.version, current, index)
  switch (m.op) {
    case 'put': {
      const expiresAt = m.ttl === undefined ? 0 : ctx.now + m.ttl
      writeRecord(ctx, m.key, internalKey, current, m.json, m.value, m.type, expiresAt)
      return 1
    }
    case 'patch': {
      const previous =
        current === undefined
          ? undefined
          : (JSON.parse(current.raw.slice(current.bodyStart)) as JsonValue)
      const value = mergePatch(previous, m.patch)
      const json = encodeJson(value, ctx.limits.maxValueBytes, 'patched value')
      const type = current?.type
      writeRecord(ctx, m.key, internalKey, current, json, value, type, current?.expiresAt ?? 0)
      return 1
    }
    case 'delete':
      if (current === undefined) return 0
      removeRecord(ctx, m.key, current, 'delete')
      return 1
    case 'check':
      return 0
  }
}

async function deleteBounds(
  ctx: ApplyContext,
  m: Extract<PreparedMutation, { op: 'deleteBounds' }>,
): Promise<number> {
  const base = ctx.space + TAG_RECORD
  let rows = 0
  for await (const batch of ctx.txn.entries(engineRange(base, m.bounds))) {
    for (const [internalKey, raw] of batch) {
      const key = internalKey.slice(base.length)
      const header = decodeHeader(key, raw)
      const expired = header.expiresAt !== 0 && header.expiresAt <= ctx.now
      removeRecord(ctx, key, header, expired ? 'expire' : 'delete', internalKey)
      if (!expired) rows++
    }
  }
  return rows
}

/** The live record of a key; an expired one counts as absent (the sweep removes it later). */
function liveRecord(
  ctx: ApplyContext,
  key: string,
  internalKey: string,
  raw: string | undefined,
): Current {
  if (raw === undefined) return undefined
  const header = decodeHeader(key, raw)
  if (header.expiresAt !== 0 && header.expiresAt <= ctx.now) {
    // Expired but not swept yet: it expires now, so the stream sees the expiry before the write.
    removeRecord(ctx, key, header, 'expire', internalKey)
    return undefined
  }
  return header
}

function checkVersion(
  op: string,
  key: string,
  expected: number,
  current: Current,
  index?: number,
): void {
  const found = current?.version
  if (expected === 0 ? found !== undefined : found !== expected) {
    throw versionConflict(op, key, expected, found, index)
  }
}

function writeRecord(
  ctx: ApplyContext,
  key: string,
  internalKey: string,
  current: Current,
  json: string,
  value: JsonValue,
  explicitType: string | undefined,
  expiresAt: number,
): void {
  const natural = defaultType(key)
  const type = explicitType ?? natural
  const version = (current?.version ?? 0) + 1
  const created = current?.created ?? ctx.now
  ctx.txn.put(internalKey, encodeRecord(version, created, ctx.now, expiresAt, type, natural, json))
  if (current?.type !== type) updateTypeIndex(ctx, key, natural, current?.type, type)
  if (current?.expiresAt && current.expiresAt !== expiresAt)
    ctx.txn.del(expiryKey(current.expiresAt, internalKey))
  if (expiresAt && current?.expiresAt !== expiresAt)
    ctx.txn.put(expiryKey(expiresAt, internalKey), '')
  ctx.changes?.push({
    action: current === undefined ? 'create' : 'update',
    key,
    version,
    type,
    valueJson: json,
  })
  if (ctx.wantRecord) {
    const record: KvRecord = {
      key,
      version,
      type,
      created: isoOf(created),
      updated: isoOf(ctx.now),
      value,
    }
    if (expiresAt) record.expires = new Date(expiresAt).toISOString()
    ctx.record = record
  }
}

export function removeRecord(
  ctx: ApplyContext,
  key: string,
  current: StoredHeader,
  action: 'delete' | 'expire',
  internalKey = ctx.space + TAG_RECORD + key,
): void {
  ctx.txn.del(internalKey)
  updateTypeIndex(ctx, key, defaultType(key), current.type, undefined)
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
  natural: string,
  before: string | undefined,
  after: string | undefined,
): void {
  if (before !== undefined && before !== natural)
    ctx.txn.del(typeIndexPrefix(ctx.space, before) + key)
  if (after !== undefined && after !== natural)
    ctx.txn.put(typeIndexPrefix(ctx.space, after) + key, '')
}
