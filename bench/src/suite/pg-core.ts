import { openStore } from '@kvgraph/core'
import { seededRandom } from '@kvgraph/core/random'
import type { Sql } from 'postgres'
import type { Checks } from './check.js'
import { key, prefixEnd, type Value, value } from './core-data.js'
import { compare, type Measured } from './measure.js'
import type { PgScale } from './pg-scale.js'
import { rawClient, tableUrl } from './pg-server.js'
import { comparedRow, type Row, type Section } from './report.js'
import type { RssSampler } from './rss.js'

const RAW_TABLE = 'bench_raw_kv'
const RAW = {
  create: `CREATE TABLE ${RAW_TABLE} (k text COLLATE "C" PRIMARY KEY, v text NOT NULL)`,
  load: `INSERT INTO ${RAW_TABLE} (k, v) SELECT * FROM unnest($1::text[], $2::text[])`,
  get: `SELECT v FROM ${RAW_TABLE} WHERE k = $1`,
  upsert: `INSERT INTO ${RAW_TABLE} (k, v) VALUES ($1, $2) ON CONFLICT (k) DO UPDATE SET v = excluded.v`,
  range: `SELECT k, v FROM ${RAW_TABLE} WHERE k >= $1 AND k < $2 ORDER BY k`,
}

/**
 * kv-core on PostgreSQL against the same operations as raw SQL through the same driver on a
 * plain `(k text COLLATE "C" PRIMARY KEY, v text)` table holding the value's JSON: prepared
 * statements, one at a time. kvgraph runs each write in a SERIALIZABLE transaction with its
 * record header and a change-stream entry (the default store).
 */
export async function pgCoreSection(
  scale: PgScale,
  url: string,
  { sampler, checks, log }: { sampler: RssSampler; checks: Checks; log: (message: string) => void },
): Promise<Section> {
  const { runs, core: c } = scale
  const N = c.keys
  const sql = rawClient(url)
  const kvTable = 'bench_core'
  await dropTables(sql, [RAW_TABLE, kvTable])
  await sql.unsafe(RAW.create)
  const store = await openStore(tableUrl(url, kvTable))
  const rows: Row[] = []
  const row = (
    operation: string,
    baselineName: string,
    unit: string,
    m: Record<'kv' | 'raw', Measured>,
    target?: number,
  ) => rows.push(comparedRow(operation, baselineName, unit, m, target))
  const q = (text: string, params: unknown[]) =>
    sql.unsafe(text, params as never[], { prepare: true })
  /** Raw SQL and kvgraph each awaiting one call per item, in interleaved runs. */
  const oneAtATime = <T>(
    items: T[],
    raw: (item: T, run: number) => Promise<void>,
    kv: (item: T, run: number) => Promise<void>,
  ) => {
    const side = (call: typeof raw) => ({
      ops: items.length,
      run: async (r: number) => {
        for (const item of items) await call(item, r)
      },
    })
    return compare(runs, { raw: side(raw), kv: side(kv) }, sampler)
  }

  try {
    log(`postgres core: loading ${N} keys, ${c.loadBatch} a call`)
    const slice = Math.ceil(N / runs)
    const range = (from: number, to: number) =>
      Array.from({ length: to - from }, (_, j) => from + j)
    const load = async (r: number, write: (ids: number[]) => Promise<unknown>) => {
      const end = Math.min(N, (r + 1) * slice)
      for (let at = r * slice; at < end; at += c.loadBatch) {
        await write(range(at, Math.min(end, at + c.loadBatch)))
      }
      return end - r * slice
    }
    const loaded = await compare(
      runs,
      {
        raw: {
          ops: slice,
          run: (r) =>
            load(r, (ids) => q(RAW.load, [ids.map(key), ids.map((i) => JSON.stringify(value(i)))])),
        },
        kv: {
          ops: slice,
          run: (r) =>
            load(r, (ids) =>
              store.mutate(ids.map((i) => ({ op: 'put', key: key(i), value: value(i) }))),
            ),
        },
      },
      sampler,
    )
    const batch = c.loadBatch.toLocaleString('en-US')
    row(
      `mutate of ${batch} puts (loading the keys)`,
      `raw multi-row \`INSERT\` of ${batch} rows`,
      'keys/s',
      loaded,
    )

    const random = seededRandom(scale.seed + 10)
    const picks = Array.from({ length: c.gets }, () => Math.floor(random() * N))
    const ages = { kv: 0, raw: 0 }
    log(`postgres core: get, 1 at a time (${c.gets} per run)`)
    const gets = await oneAtATime(
      picks,
      async (i) => {
        const [found] = await q(RAW.get, [key(i)])
        ages.raw += (JSON.parse(found!.v as string) as Value).age
      },
      async (i) => {
        ages.kv += ((await store.get<Value>(key(i)))!.value as Value).age
      },
    )
    checks.equal('postgres get: sum of ages read', ages.kv, ages.raw)
    row(GET, 'raw `SELECT v ... WHERE k = $1`', 'ops/s', gets, 0.8)

    log(`postgres core: put, 1 at a time (${c.puts} per run)`)
    // New keys past the loaded ones: raw's (side 0), then kvgraph's (side 1), per run.
    const at = (side: number, r: number, j: number) => N + (side * runs + r) * c.puts + j
    const puts = await oneAtATime(
      range(0, c.puts),
      async (j, r) => {
        const i = at(0, r, j)
        await q(RAW.upsert, [key(i), JSON.stringify(value(i))])
      },
      async (j, r) => {
        await store.put(key(at(1, r, j)), value(at(1, r, j)))
      },
    )
    row(PUT, 'raw upsert (`INSERT ... ON CONFLICT DO UPDATE`)', 'ops/s', puts, 0.5)

    // Prefixes of 10 keys: 'user/00001234' holds user/000012340 .. user/000012349.
    log(`postgres core: prefix scan of 10 keys (${c.prefixScans} per run)`)
    const prefixes = Array.from({ length: c.prefixScans }, (_, j) =>
      key(picks[j % picks.length]!).slice(0, -1),
    )
    const seen = { kv: 0, raw: 0 }
    const scans = await oneAtATime(
      prefixes,
      async (prefix) => {
        for (const found of await q(RAW.range, [prefix, prefixEnd(prefix)])) {
          JSON.parse(found.v as string)
          seen.raw++
        }
      },
      async (prefix) => {
        seen.kv += (await store.getPrefix(prefix)).records.length
      },
    )
    checks.equal('postgres prefix scan: records seen', seen.kv, seen.raw)
    checks.equal('postgres prefix scan: 10 keys a prefix', seen.kv, 10 * runs * c.prefixScans)
    row(SCAN, 'raw `SELECT ... WHERE k >= $1 AND k < $2 ORDER BY k`', 'scans/s', scans, 0.7)

    const total = N + runs * c.puts
    checks.equal('postgres core: records in kvgraph', await store.count(), total)
    const [counted] = await sql.unsafe(`SELECT count(*)::int AS n FROM ${RAW_TABLE}`)
    checks.equal('postgres core: rows in the raw table', counted!.n as number, total)
    checks.note(
      `postgres core: ${total.toLocaleString('en-US')} keys in both tables; gets and prefix scans read the same values (age checksums) and counts`,
    )
  } finally {
    await store.close()
    await dropTables(sql, [RAW_TABLE, kvTable]).finally(() => sql.end())
  }
  return {
    title: `Core: kv-core on PostgreSQL vs raw SQL (${N.toLocaleString('en-US')} keys of ~70 bytes)`,
    method:
      'Each figure is the median of the runs (min-max), raw and kvgraph runs interleaved, one call at a time. kvgraph: the default store (change stream on) on its own table; each write is a SERIALIZABLE transaction (record, stream entry, stream head). Raw: prepared statements through the same driver (postgres.js) on `(k text COLLATE "C" PRIMARY KEY, v text)` holding the value JSON, autocommit. The load writes 1,000 keys a call (raw: one multi-row `INSERT ... unnest`); puts write new keys.',
    rows,
  }
}

const GET = 'get, 1 at a time (random keys)'
const PUT = 'put, 1 at a time (new keys)'
const SCAN = 'prefix scan of 10 keys'

/** Drops the bench's tables and their kvgraph_meta rows (the engine's schema record). */
export async function dropTables(sql: Sql, tables: string[]): Promise<void> {
  for (const table of tables) await sql.unsafe(`DROP TABLE IF EXISTS "${table}"`)
  const [meta] = await sql.unsafe(`SELECT to_regclass('kvgraph_meta') IS NOT NULL AS present`)
  if (meta?.present) await sql.unsafe('DELETE FROM kvgraph_meta WHERE name = ANY($1)', [tables])
}
