/**
 * The benchmark suite: kvgraph against raw classic-level, levelgraph and graphology.
 *
 *   npm run bench                       # full scale, writes bench/results/latest.md
 *   npm run bench -- --scale small      # smoke run (seconds), writes bench/results/small.md
 *   npm run bench -- --engine postgres  # kvgraph on PostgreSQL vs raw SQL, writes
 *                                       # bench/results/postgres.md (postgres-small.md with small)
 *
 * --engine postgres starts a throwaway cluster (scripts/pg-cluster.mjs) unless
 * KV_BENCH_POSTGRES_URL names a server.
 *   npm run bench -- --only backup      # backup, restore and copyStore (LevelDB -> PostgreSQL)
 *                                       # vs raw classic-level and COPY; --keys N (default 1M)
 * Options: --out FILE, --seed N, --runs N, --only core|graph|backup, and size overrides --keys N,
 * --nodes N, --edges N (with an override or --only, nothing is written unless --out is given).
 * Build the packages first (the root `npm run bench` does).
 */
import { fileURLToPath } from 'node:url'
import { parseArgs } from 'node:util'
import { type PgSuiteOptions, runPostgresSuite } from './suite/pg-suite.js'
import { runSuite } from './suite/run-suite.js'

const { values } = parseArgs({
  options: {
    scale: { type: 'string', default: 'full' },
    out: { type: 'string' },
    seed: { type: 'string' },
    runs: { type: 'string' },
    only: { type: 'string' },
    keys: { type: 'string' },
    nodes: { type: 'string' },
    edges: { type: 'string' },
    engine: { type: 'string', default: 'leveldb' },
  },
})

const scale = values.scale
if (scale !== 'full' && scale !== 'small')
  throw new Error(`--scale must be full or small: ${scale}`)
const engine = values.engine
if (engine !== 'leveldb' && engine !== 'postgres')
  throw new Error(`--engine must be leveldb or postgres: ${engine}`)
const only = values.only
if (only !== undefined && only !== 'core' && only !== 'graph' && only !== 'backup') {
  throw new Error(`--only must be core, graph or backup: ${only}`)
}
const integer = (name: string, text: string | undefined) => {
  if (text === undefined) return {}
  const n = Number(text)
  if (!Number.isSafeInteger(n) || n < 1)
    throw new Error(`--${name} must be a positive integer: ${text}`)
  return { [name]: n }
}
const overrides = {
  ...integer('seed', values.seed),
  ...integer('runs', values.runs),
  ...integer('keys', values.keys),
  ...integer('nodes', values.nodes),
  ...integer('edges', values.edges),
}
// Only a run of a whole preset may replace the committed results.
const preset = only === undefined && Object.keys(overrides).length === 0
const results = (name: string) => fileURLToPath(new URL(`../results/${name}`, import.meta.url))
const presetName = {
  leveldb: scale === 'full' ? 'latest.md' : 'small.md',
  postgres: scale === 'full' ? 'postgres.md' : 'postgres-small.md',
}[engine]
const out = values.out ?? (preset ? results(presetName) : undefined)

if (only === 'backup') {
  const { runBackupSuite } = await import('./suite/backup.js')
  const keys = Number(values.keys ?? (scale === 'full' ? 1_000_000 : 20_000))
  const log = (message: string) => process.stderr.write(`${message}\n`)
  const report = await runBackupSuite({ keys, postgres: true, log })
  process.stdout.write(`${report}\n`)
  if (values.out) (await import('node:fs')).writeFileSync(values.out, `${report}\n`)
  process.exit(0)
}

const options: PgSuiteOptions = {
  scale,
  ...overrides,
  ...(only ? { only } : {}),
  ...(out ? { out } : {}),
}
const report =
  engine === 'postgres' ? (await runPostgresSuite(options)).report : await runSuite(options)
process.stdout.write(`${report}\n`)
if (out) process.stderr.write(`written to ${out}\n`)
