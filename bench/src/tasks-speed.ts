/**
 * The task queue against BullMQ on a local redis-server, in one run:
 *
 *   npm run build && npm run bench:tasks -w @kvgraph/bench            # writes bench/results/tasks.md
 *   npm run bench:tasks -w @kvgraph/bench -- --tasks 2000 --no-bullmq  # kvgraph alone, no redis
 *
 * No-op throughput (enqueue a batch, run it at concurrency 50, until the last completion is
 * recorded) and enqueue-to-start latency on an idle runner. redis-server (Debian) is installed
 * when missing (as root), started on a free loopback port without persistence, and stopped after.
 */
import { readFileSync, writeFileSync } from 'node:fs'
import { createRequire } from 'node:module'
import { cpus, loadavg } from 'node:os'
import { fileURLToPath } from 'node:url'
import { parseArgs } from 'node:util'
import { benchBullmq } from './tasks/bullmq-queue.js'
import { benchKvgraph } from './tasks/kvgraph-queue.js'
import { startRedis } from './tasks/redis-server.js'
import { tasksReport } from './tasks/report.js'
import type { QueueFigures } from './tasks/stats.js'

const { values } = parseArgs({
  options: {
    tasks: { type: 'string', default: '10000' },
    runs: { type: 'string', default: '3' },
    samples: { type: 'string', default: '500' },
    concurrency: { type: 'string', default: '50' },
    'no-bullmq': { type: 'boolean', default: false },
    out: { type: 'string' },
  },
})
const positive = (name: string, text: string) => {
  const n = Number(text)
  if (!Number.isSafeInteger(n) || n < 1)
    throw new Error(`--${name} must be a positive integer: ${text}`)
  return n
}
const options = {
  tasks: positive('tasks', values.tasks),
  runs: positive('runs', values.runs),
  samples: positive('samples', values.samples),
  concurrency: positive('concurrency', values.concurrency),
}

/** The installed BullMQ's version, from the package.json above its entry point. */
function bullmqVersion(): string {
  const entry = createRequire(import.meta.url).resolve('bullmq')
  const root = entry.slice(
    0,
    entry.lastIndexOf('/node_modules/bullmq/') + '/node_modules/bullmq/'.length,
  )
  return (JSON.parse(readFileSync(`${root}package.json`, 'utf8')) as { version: string }).version
}

const load = () =>
  loadavg()
    .map((n) => n.toFixed(2))
    .join(' / ')
const loadBefore = load()
const kv = await benchKvgraph(options)
let bull: QueueFigures | undefined
let bullVersion = ''
if (!values['no-bullmq']) {
  const redis = await startRedis()
  try {
    bull = await benchBullmq(redis.port, options)
    bullVersion = bullmqVersion()
  } finally {
    await redis.stop()
  }
}
const header = [
  '# Task queue: @kvgraph/tasks against BullMQ',
  '',
  `${new Date().toISOString().slice(0, 10)}, ${cpus().length} x ${cpus()[0]?.model ?? 'cpu'}, Node ${process.version}` +
    (bull ? `, BullMQ ${bullVersion} on Debian's redis-server (no persistence)` : '') +
    `; load average before ${loadBefore}, after ${load()}.`,
  'Both queues run in this one process (queue and runner/worker together), one after the other.',
]
const report = tasksReport(options, kv, bull, header)
process.stdout.write(`${report}\n`)
const preset = process.argv.length <= 2
const out =
  values.out ??
  (preset ? fileURLToPath(new URL('../results/tasks.md', import.meta.url)) : undefined)
if (out) {
  writeFileSync(out, report)
  process.stderr.write(`written to ${out}\n`)
}
