import { checkOptions } from '../arguments.js'
import { invalidArgument } from '../errors.js'
import type { Change } from '../records/changes.js'
import type { JsonValue } from '../records/json.js'
import { assertKey, isValidKey } from '../records/keys.js'
import type { KvRecord } from '../records/record.js'
import { engineRange, isEmpty, type KeyBounds } from '../scan/selector.js'
import { type ApplyContext, applyMutation } from '../writes/apply.js'
import { type KvMutation, type PreparedMutation, prepareMutation } from '../writes/mutations.js'
import type { DeleteOptions, PatchOptions, PutOptions } from './options.js'
import { assertOpen, committed, run, type Scope } from './store-core.js'

// Each function is one Store write method: validate and prepare outside any transaction (values
// are serialized once, here), then apply everything in one.

export async function put<T extends JsonValue>(
  scope: Scope,
  key: string,
  value: T,
  options: PutOptions,
): Promise<KvRecord<T>> {
  assertOpen(scope.core, 'put')
  // Only the option fields: a spread would let `options.key` or `options.op` replace the call's.
  const { version, type, ttl } = checkOptions(options, 'put: options')
  const mutation = prepareMutation(
    { op: 'put', key, value, version, type, ttl },
    scope.core.limits,
    'put',
  )
  return (await transact(scope, [mutation], false, true)).record as KvRecord<T>
}

export async function patch(
  scope: Scope,
  key: string,
  patch: JsonValue,
  options: PatchOptions,
): Promise<KvRecord> {
  assertOpen(scope.core, 'patch')
  const { version } = checkOptions(options, 'patch: options')
  const mutation = prepareMutation({ op: 'patch', key, patch, version }, scope.core.limits, 'patch')
  return (await transact(scope, [mutation], false, true)).record!
}

export async function remove(
  scope: Scope,
  keys: string | string[],
  options: DeleteOptions,
): Promise<number> {
  assertOpen(scope.core, 'delete')
  const list = typeof keys === 'string' ? [keys] : keys
  if (!Array.isArray(list)) throw invalidArgument('delete: keys', 'a key or an array of keys', keys)
  const { limits } = scope.core
  const { version } = checkOptions(options, 'delete: options')
  const named = Array.isArray(keys)
  const mutations = list.map((key, i) => {
    // Named by index only when invalid: a large delete builds no string per key.
    if (named && !isValidKey(key)) assertKey(key, `delete: keys[${i}]`)
    return prepareMutation({ op: 'delete', key, version }, limits, 'delete')
  })
  const { rows } = await transact(scope, mutations, false)
  return rows.reduce((sum, n) => sum + n, 0)
}

export async function deletePrefix(scope: Scope, prefix: string): Promise<number> {
  assertOpen(scope.core, 'deletePrefix')
  const mutation = prepareMutation(
    { op: 'deletePrefix', prefix },
    scope.core.limits,
    'deletePrefix',
  )
  return deleteInBatches(scope, mutation, 'deletePrefix')
}

export async function deleteRange(scope: Scope, start: string, end: string): Promise<number> {
  assertOpen(scope.core, 'deleteRange')
  const mutation = prepareMutation(
    { op: 'deleteRange', start, end },
    scope.core.limits,
    'deleteRange',
  )
  return deleteInBatches(scope, mutation, 'deleteRange')
}

/** Records per transaction of deletePrefix and deleteRange (about 5 MB of old values). */
export const DELETE_BATCH = 10_000

/**
 * Deletes a range as consecutive windows of about DELETE_BATCH keys, each one transaction (with
 * its stream entries and watcher wake-up): memory stays bounded and other writes run between
 * windows. Each window is [from, the first key past DELETE_BATCH keys), found by a keys-only
 * read; its transaction deletes every record then in it, including ones written meanwhile.
 * Not atomic as a whole: a crash midway leaves the windows before it deleted, the rest intact.
 */
async function deleteInBatches(
  scope: Scope,
  mutation: PreparedMutation,
  method: string,
): Promise<number> {
  if (mutation.op !== 'deleteBounds') throw new Error(`${method}: not a range delete`)
  const { bounds } = mutation
  if (isEmpty(bounds)) return 0
  let rows = 0
  let from = bounds.lower
  for (;;) {
    assertOpen(scope.core, method)
    const next = await keyAfterWindow(scope, { lower: from, upper: bounds.upper })
    const window = {
      op: 'deleteBounds' as const,
      bounds: { lower: from, upper: next ?? bounds.upper },
    }
    rows += (await transact(scope, [window], false)).rows[0]!
    if (next === undefined) return rows
    from = next
  }
}

/** The user key DELETE_BATCH keys after `bounds.lower`, if the bounds hold that many more. */
async function keyAfterWindow(scope: Scope, bounds: KeyBounds): Promise<string | undefined> {
  const iterator = scope.core.engine.keys(engineRange(scope.base, bounds), DELETE_BATCH * 64)
  try {
    let seen = 0
    for (;;) {
      const keys = await iterator.nextv(DELETE_BATCH + 1 - seen)
      if (keys.length === 0) return undefined
      seen += keys.length
      if (seen > DELETE_BATCH) return keys[keys.length - 1]!.slice(scope.base.length)
    }
  } finally {
    await iterator.close()
  }
}

export async function mutate(scope: Scope, mutations: KvMutation[]): Promise<number[]> {
  assertOpen(scope.core, 'mutate')
  if (!Array.isArray(mutations))
    throw invalidArgument('mutate: mutations', 'an array of mutations', mutations)
  const { limits } = scope.core
  const prepared: PreparedMutation[] = []
  for (let i = 0; i < mutations.length; i++) {
    prepared.push(prepareMutation(mutations[i]!, limits, i, prepared[i - 1]))
  }
  return (await transact(scope, prepared, true)).rows
}

/**
 * Applies mutations in one transaction, appends their changes to the stream and, once durable,
 * tells commit listeners and watchers. `wantRecord` returns the last record written.
 */
async function transact(
  scope: Scope,
  mutations: PreparedMutation[],
  indexed: boolean,
  wantRecord = false,
): Promise<{ rows: number[]; record?: KvRecord }> {
  const { core, space } = scope
  let changes: Change[] | undefined
  let firstSeq: number | undefined
  let record: KvRecord | undefined
  const rows = await run(core, async (txn) => {
    // A shared engine may run this again after a conflict: nothing carries over from a try.
    changes = undefined
    firstSeq = undefined
    const now = core.now()
    const ctx: ApplyContext = { txn, space, limits: core.limits, now, wantRecord }
    if (core.sequencer || core.commits.has(space)) ctx.changes = []
    if (core.sequencer?.shared) await core.sequencer.begin(space, txn)
    const rows: number[] = new Array(mutations.length)
    for (let i = 0; i < mutations.length; i++) {
      const applied = applyMutation(ctx, mutations[i]!, indexed ? i : undefined)
      rows[i] = typeof applied === 'number' ? applied : await applied
    }
    if (ctx.changes && ctx.changes.length > 0) {
      firstSeq = await core.sequencer?.append(space, txn, core.engine, ctx.changes, now)
      changes = ctx.changes
    }
    record = ctx.record
    return rows
  })
  if (changes) {
    const heard = committed(core, space, changes, firstSeq)
    // The write is committed: a feed read that fails now (a failover) must not report it as
    // failed. The feed's next poll delivers it from the last seq it delivered.
    if (heard) await heard.catch(() => {})
  }
  return record ? { rows, record } : { rows }
}
