import { checkBoolean, checkOptions } from '../arguments.js'
import type { EngineInfo } from '../engine/engine.js'
import { invalidArgument } from '../errors.js'
import type { JsonValue } from '../records/json.js'
import { assertKey, assertPrefix, isValidKey } from '../records/keys.js'
import { decodeRecord, decodeValue, isExpired, type KvRecord } from '../records/record.js'
import {
  countIn,
  type DecodedPage,
  type KvPage,
  type KvValuePage,
  pageLimit,
  pageOffset,
  readPage,
  recordsIn,
  type ScanOptions,
  takePage,
} from '../scan/pages.js'
import {
  boundsOf,
  decodeCursor,
  encodeCursor,
  engineRange,
  isEmpty,
  type KeyBounds,
  type KvSelector,
} from '../scan/selector.js'
import { recordsOfType } from '../scan/type-scan.js'
import { assertType } from '../writes/mutations.js'
import type { EntriesOptions } from './options.js'
import { assertOpen, type Scope } from './store-core.js'

// Every function here is what one Store method does: validate (naming the method), then read.
// Async ones turn their checks' throws into rejections, as the methods always did.

export async function get<T extends JsonValue>(
  scope: Scope,
  key: string,
): Promise<KvRecord<T> | undefined> {
  const { core } = scope
  assertOpen(core, 'get')
  assertKey(key, 'get: key')
  const raw = await core.engine.get(scope.base + key)
  if (raw === undefined || isExpired(raw, core.now())) return undefined
  return decodeRecord<T>(key, raw)
}

export async function getMany<T extends JsonValue>(
  scope: Scope,
  keys: string[],
): Promise<(KvRecord<T> | undefined)[]> {
  const { core, base } = scope
  assertOpen(core, 'getMany')
  if (!Array.isArray(keys)) throw invalidArgument('getMany: keys', 'an array of keys', keys)
  for (let i = 0; i < keys.length; i++) {
    if (!isValidKey(keys[i])) assertKey(keys[i], `getMany: keys[${i}]`)
  }
  const raws = await core.engine.getMany(keys.map((key) => base + key))
  const now = core.now()
  return raws.map((raw, i) =>
    raw === undefined || isExpired(raw, now) ? undefined : decodeRecord<T>(keys[i]!, raw),
  )
}

export async function scan(
  scope: Scope,
  selector: KvSelector,
  options: ScanOptions,
): Promise<KvPage> {
  assertOpen(scope.core, 'scan')
  return page(scope, boundsOf(selector, 'scan: selector'), options, 'scan')
}

export async function list(scope: Scope, options: ScanOptions): Promise<KvPage> {
  assertOpen(scope.core, 'list')
  return page(scope, {}, options, 'list')
}

export async function scanValues(
  scope: Scope,
  selector: KvSelector,
  options: ScanOptions,
): Promise<KvValuePage> {
  assertOpen(scope.core, 'scanValues')
  const bounds = boundsOf(selector, 'scanValues: selector')
  const read = await readBounds(scope, bounds, options, decodeValue, 'scanValues')
  return read.cursor === undefined
    ? { keys: read.keys, values: read.items }
    : { keys: read.keys, values: read.items, cursor: read.cursor }
}

export async function getPrefix(
  scope: Scope,
  prefix: string,
  options: ScanOptions,
): Promise<KvPage> {
  assertOpen(scope.core, 'getPrefix')
  assertPrefix(prefix, 'getPrefix: prefix')
  return page(scope, boundsOf({ prefix }), options, 'getPrefix')
}

export async function getRange(
  scope: Scope,
  start: string,
  end: string,
  options: ScanOptions,
): Promise<KvPage> {
  assertOpen(scope.core, 'getRange')
  assertKey(start, 'getRange: start')
  assertKey(end, 'getRange: end')
  return page(scope, { lower: start, upper: end }, options, 'getRange')
}

export async function getType(scope: Scope, type: string, options: ScanOptions): Promise<KvPage> {
  const { core } = scope
  assertOpen(core, 'getType')
  assertType(type, 'getType: type')
  const { limit, offset, reverse, after } = pageOptions(options, {}, 'getType')
  const records = recordsOfType(core.engine, scope.space, type, { after, reverse, now: core.now })
  return takePage(records, limit, offset, (key) => encodeCursor(key, reverse))
}

export async function* entries(
  scope: Scope,
  selector: KvSelector,
  options: EntriesOptions,
): AsyncGenerator<KvRecord> {
  const { core, base } = scope
  assertOpen(core, 'entries')
  const bounds = boundsOf(selector, 'entries: selector')
  const { reverse } = checkOptions(options, 'entries: options')
  const backwards = checkBoolean(reverse, 'entries: options.reverse', false)
  if (isEmpty(bounds)) return
  yield* recordsIn(core.engine, engineRange(base, bounds, backwards), base, core.now)
}

export async function approximateSize(scope: Scope, selector: KvSelector): Promise<number> {
  const { engine } = scope.core
  assertOpen(scope.core, 'approximateSize')
  const bounds = boundsOf(selector, 'approximateSize: selector')
  if (isEmpty(bounds) || !engine.approximateSize) return 0
  return engine.approximateSize(engineRange(scope.base, bounds))
}

export async function engineInfo(scope: Scope): Promise<EngineInfo> {
  const { engine } = scope.core
  assertOpen(scope.core, 'engineInfo')
  if (engine.info) return engine.info()
  return engine.location === undefined
    ? { engine: engine.name }
    : { engine: engine.name, location: engine.location }
}

export async function count(scope: Scope): Promise<number> {
  assertOpen(scope.core, 'count')
  return countBounds(scope, {})
}

export async function countPrefix(scope: Scope, prefix: string): Promise<number> {
  assertOpen(scope.core, 'countPrefix')
  assertPrefix(prefix, 'countPrefix: prefix')
  return countBounds(scope, boundsOf({ prefix }))
}

export async function countRange(scope: Scope, start: string, end: string): Promise<number> {
  assertOpen(scope.core, 'countRange')
  assertKey(start, 'countRange: start')
  assertKey(end, 'countRange: end')
  return countBounds(scope, { lower: start, upper: end })
}

function pageOptions(options: ScanOptions, bounds: KeyBounds, method: string) {
  if (typeof options !== 'object' || options === null)
    throw invalidArgument(`${method}: options`, 'an object', options)
  const limit = pageLimit(options.limit, method)
  const offset = pageOffset(options.offset, method)
  const reverse = checkBoolean(options.reverse, `${method}: options.reverse`, false)
  const after =
    options.cursor === undefined ? undefined : decodeCursor(options.cursor, reverse, bounds, method)
  return { limit, offset, reverse, after }
}

async function page(
  scope: Scope,
  bounds: KeyBounds,
  options: ScanOptions,
  method: string,
): Promise<KvPage> {
  const read = await readBounds(scope, bounds, options, decodeRecord, method)
  return read.cursor === undefined
    ? { records: read.items }
    : { records: read.items, cursor: read.cursor }
}

/**
 * One page of the live records in `bounds`, each decoded by `decode`. Not async (one promise
 * less per page): called only from async functions, which turn its checks' throws into rejections.
 */
function readBounds<T>(
  scope: Scope,
  bounds: KeyBounds,
  options: ScanOptions,
  decode: (key: string, raw: string) => T,
  method: string,
): Promise<DecodedPage<T>> {
  const { limit, offset, reverse, after } = pageOptions(options, bounds, method)
  if (isEmpty(bounds)) return Promise.resolve({ keys: [], items: [] })
  const { base, core } = scope
  const range = engineRange(base, bounds, reverse)
  if (after !== undefined) {
    if (reverse) range.lt = base + after
    else {
      delete range.gte
      range.gt = base + after
    }
  }
  const read = { base, now: core.now, limit, offset, reverse }
  return readPage(core.engine, range, read, decode)
}

function countBounds(scope: Scope, bounds: KeyBounds): Promise<number> {
  if (isEmpty(bounds)) return Promise.resolve(0)
  return countIn(scope.core.engine, engineRange(scope.base, bounds), scope.core.now)
}
