import { checkOptions } from '../arguments.js'
import { invalidArgument } from '../errors.js'
import type { Change } from '../records/changes.js'
import type { JsonValue } from '../records/json.js'
import { assertKey, isValidKey } from '../records/keys.js'
import type { KvRecord } from '../records/record.js'
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
  return (await transact(scope, [mutation], false)).rows[0]!
}

export async function deleteRange(scope: Scope, start: string, end: string): Promise<number> {
  assertOpen(scope.core, 'deleteRange')
  const mutation = prepareMutation(
    { op: 'deleteRange', start, end },
    scope.core.limits,
    'deleteRange',
  )
  return (await transact(scope, [mutation], false)).rows[0]!
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
    if (heard) await heard
  }
  return record ? { rows, record } : { rows }
}
