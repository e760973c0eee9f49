import { checkBoolean, checkOptions, checkSize, MAX_BATCH_SIZE } from '../arguments.js'
import { batchesOf } from '../engine/engine.js'
import { invalidArgument } from '../errors.js'
import { mayExpire } from '../expiry/ttl-sweeper.js'
import { assertKey, isValidKey } from '../records/keys.js'
import { isExpired } from '../records/record.js'
import { type PrefixGroup, prefixGroups as readPrefixGroups } from '../scan/prefix-groups.js'
import { boundsOf, engineRange, isEmpty, type KvSelector } from '../scan/selector.js'
import type { KeyBatchOptions } from './options.js'
import { assertOpen, type Scope } from './store-core.js'

/** Keys per batch of `keyBatches` unless asked otherwise. */
const SCAN_BATCH = 1000

/** The keys a selector covers, in arrays of up to `batchSize`, each cut out of the engine's key. */
export async function* keyBatches(
  scope: Scope,
  selector: KvSelector,
  options: KeyBatchOptions,
  method: string,
): AsyncGenerator<string[]> {
  for await (const { keys, offset } of rawKeyBatches(scope, selector, options, method)) {
    for (let i = 0; i < keys.length; i++) keys[i] = keys[i]!.slice(offset)
    yield keys
  }
}

/**
 * The keys a selector covers as the engine holds them: each still carries the store's own
 * prefix, and the user key starts at `offset`. For scans that parse millions of keys in place,
 * where one sliced string per key is a fair share of their time.
 */
export async function* rawKeyBatches(
  scope: Scope,
  selector: KvSelector,
  options: KeyBatchOptions,
  method: string,
): AsyncGenerator<{ keys: string[]; offset: number }> {
  const { core, base } = scope
  assertOpen(core, method)
  const { batchSize, reverse } = checkOptions(options, `${method}: options`)
  const size = checkSize(batchSize, `${method}: options.batchSize`, SCAN_BATCH, MAX_BATCH_SIZE)
  const backwards = checkBoolean(reverse, `${method}: options.reverse`, false)
  const bounds = boundsOf(selector, `${method}: selector`)
  if (isEmpty(bounds)) return
  const range = engineRange(base, bounds, backwards)
  const offset = base.length
  // Values are read only to leave out expired records. While no record can expire, the keys
  // alone answer (a scan of a million keys reads and decodes no values): the iterator's
  // snapshot then holds only records without a TTL, or one written with a TTL in the instant
  // between this check and the snapshot (listed, as alive when the scan began).
  const engine = core.engine
  if (!(await mayExpire(engine))) {
    // Room for a batch of typical keys (the engine's default bounds a batch of 1,000).
    const batchBytes = size > SCAN_BATCH ? size * 64 : undefined
    for await (const keys of batchesOf(engine.keys(range, batchBytes), size)) yield { keys, offset }
    return
  }
  for await (const batch of batchesOf(engine.iterator(range), size)) {
    const now = core.now()
    const keys: string[] = []
    for (const [key, raw] of batch) if (!isExpired(raw, now)) keys.push(key)
    if (keys.length > 0) yield { keys, offset }
  }
}

/**
 * For each prefix (deduplicated, in key order), the keys and records under it, read with one
 * iterator that seeks from prefix to prefix. `values: false` skips decoding records.
 */
export function prefixGroups(
  scope: Scope,
  prefixes: readonly string[],
  options: { values?: boolean },
): AsyncGenerator<PrefixGroup> {
  const { core } = scope
  assertOpen(core, 'prefixGroups')
  if (!Array.isArray(prefixes))
    throw invalidArgument('prefixGroups: prefixes', 'an array of prefixes', prefixes)
  for (let i = 0; i < prefixes.length; i++) {
    if (!isValidKey(prefixes[i])) assertKey(prefixes[i], `prefixGroups: prefixes[${i}]`)
  }
  return readPrefixGroups(core.engine, scope.base, prefixes, {
    values: options.values !== false,
    now: core.now,
  })
}
