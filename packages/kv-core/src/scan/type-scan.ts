import { batchesOf, type KvEngine } from '../engine/engine.js'
import { compareKeys, defaultType, prefixUpperBound } from '../records/keys.js'
import { TAG_RECORD, typeIndexPrefix } from '../records/keyspace.js'
import { decodeRecord, isExpired, type KvRecord } from '../records/record.js'
import { recordsIn } from './pages.js'

/**
 * Streams the records of one type in key order. Records of their key's default type are found
 * by scanning the keys that start with the type; the rest through the type index. Both streams
 * are key-ordered and disjoint, so a merge gives one ordered stream (and cursors work as usual).
 */
export async function* recordsOfType(
  engine: KvEngine,
  space: string,
  type: string,
  options: { after?: string; reverse: boolean; now: () => number },
): AsyncGenerator<KvRecord> {
  const base = space + TAG_RECORD
  const upper = prefixUpperBound(`${base}${type}/`)!
  const natural = filter(
    recordsIn(
      engine,
      range(base + type, upper, base, options.after, options.reverse),
      base,
      options.now,
    ),
    (record) => record.type === type && defaultType(record.key) === type,
  )
  const indexed = indexedRecords(engine, space, type, options)
  yield* merge(natural, indexed, options.reverse)
}

async function* indexedRecords(
  engine: KvEngine,
  space: string,
  type: string,
  options: { after?: string; reverse: boolean; now: () => number },
): AsyncGenerator<KvRecord> {
  const prefix = typeIndexPrefix(space, type)
  const bounds = range(prefix, prefixUpperBound(prefix)!, prefix, options.after, options.reverse)
  const base = space + TAG_RECORD
  for await (const batch of batchesOf(engine.keys(bounds), 256)) {
    const keys = batch.map((key) => key.slice(prefix.length))
    const raws = await engine.getMany(keys.map((key) => base + key))
    const at = options.now()
    for (let i = 0; i < keys.length; i++) {
      const raw = raws[i]
      if (raw === undefined || isExpired(raw, at)) continue
      const record = decodeRecord(keys[i]!, raw)
      if (record.type === type) yield record // the index may lag a record that expired and came back
    }
  }
}

function range(
  lower: string,
  upper: string,
  base: string,
  after: string | undefined,
  reverse: boolean,
) {
  if (after === undefined) return { gte: lower, lt: upper, reverse }
  return reverse
    ? { gte: lower, lt: base + after, reverse }
    : { gt: base + after, lt: upper, reverse }
}

async function* filter(source: AsyncGenerator<KvRecord>, keep: (record: KvRecord) => boolean) {
  for await (const record of source) if (keep(record)) yield record
}

async function* merge(a: AsyncGenerator<KvRecord>, b: AsyncGenerator<KvRecord>, reverse: boolean) {
  const sign = reverse ? -1 : 1
  try {
    let x = await a.next()
    let y = await b.next()
    while (!x.done || !y.done) {
      if (y.done || (!x.done && sign * compareKeys(x.value.key, y.value.key) <= 0)) {
        yield x.value as KvRecord
        x = await a.next()
      } else {
        yield y.value
        y = await b.next()
      }
    }
  } finally {
    await a.return(undefined)
    await b.return(undefined)
  }
}
