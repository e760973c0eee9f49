/**
 * The benchmark suite: kvgraph against raw classic-level, levelgraph and graphology.
 *
 *   npm run bench                       # full scale, writes bench/results/latest.md
 *   npm run bench -- --scale small      # smoke run (seconds), writes bench/results/small.md
 *   npm run bench -- --browser          # in Chromium on IndexedDB, writes bench/results/browser.md
 *   npm run bench -- --engine postgres  # kvgraph on PostgreSQL vs raw SQL, writes
 *                                       # bench/results/postgres.md (postgres-small.md with small)
 *
 *   npm run bench -- --engine postgres --failover   # failover time and the cost of a synchronous
 *                                       # standby, writes bench/results/postgres-failover.md
 *
 * --engine postgres starts a throwaway cluster (scripts/pg-cluster.mjs) unless
 * KV_BENCH_POSTGRES_URL names a server; --failover always starts its own primary and standby
 * (scripts/pg-replicated.mjs), with --runs rounds per side (default 3), --failovers N (default 5).
 *   npm run bench -- --only backup      # backup, restore and copyStore (LevelDB -> PostgreSQL)
 *                                       # vs raw classic-level and COPY; --keys N (default 1M)
 * Options: --out FILE, --seed N, --runs N, --only core|graph|backup, and size overrides --keys N,
 * --nodes N, --edges N (with an override or --only, nothing is written unless --out is given).
 * Build the packages first (the root `npm run bench` does).
 */

import { writeFileSync } from 'node:fs'
import { fileURLToPath } from 'node:url'
import { parseArgs } from 'node:util'
import { BROWSER_SCALES, runBrowserBench } from './browser/run-browser.js'
import { runFailoverBench } from './suite/pg-failover.js'
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
    failover: { type: 'boolean', default: false },
    failovers: { type: 'string' },
    browser: { type: 'boolean', default: false },
  },
})

const scale = values.scale
if (scale !== 'full' && scale !== 'small')
  throw new Error(`--scale must be full or small: ${scale}`)
if (values.browser) {
  const config = {
    ...BROWSER_SCALES[scale],
    ...(values.edges ? { edges: Number(values.edges) } : {}),
  }
  const report = await runBrowserBench(config)
  process.stdout.write(report)
  const file =
    values.out ??
    fileURLToPath(
      new URL(`../results/browser${scale === 'small' ? '-small' : ''}.md`, import.meta.url),
    )
  writeFileSync(file, report)
  process.stderr.write(`written to ${file}\n`)
  process.exit(0)
}
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

if (values.failover) {
  if (engine !== 'postgres') throw new Error('--failover needs --engine postgres')
  const { report } = await runFailoverBench({
    ...(values.failovers === undefined
      ? {}
      : { failovers: integer('failovers', values.failovers).failovers }),
    ...(overrides.runs === undefined ? {} : { runs: overrides.runs }),
    log: (line) => process.stderr.write(`${line}\n`),
  })
  const whole = preset && values.failovers === undefined
  const written = values.out ?? (whole ? results('postgres-failover.md') : undefined)
  process.stdout.write(`${report}\n`)
  if (written) {
    writeFileSync(written, report)
    process.stderr.write(`written to ${written}\n`)
  }
  process.exit(0)
}

if (only === 'backup') {
  const { runBackupSuite } = await import('./suite/backup.js')
  const keys = Number(values.keys ?? (scale === 'full' ? 1_000_000 : 20_000))
  const log = (message: string) => process.stderr.write(`${message}\n`)
  const report = await runBackupSuite({ keys, postgres: true, log })
  process.stdout.write(`${report}\n`)
  if (values.out) writeFileSync(values.out, `${report}\n`)
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
