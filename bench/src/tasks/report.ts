import { median, percentile, type QueueBenchOptions, type QueueFigures } from './stats.js'

const rate = (n: number) => `${Math.round(n).toLocaleString('en-US')} tasks/s`
const ms = (n: number) => `${n.toFixed(2)} ms`
const count = (n: number) => Math.round(n).toLocaleString('en-US')
const range = (xs: number[]) => `${count(Math.min(...xs))}-${count(Math.max(...xs))}`

/** The comparison as a Markdown table: kvgraph's figure, BullMQ's, and their ratio. */
export function tasksReport(
  options: QueueBenchOptions,
  kv: QueueFigures,
  bull: QueueFigures | undefined,
  header: string[],
): string {
  const rows: string[][] = []
  const kvRate = median(kv.throughput)
  const bullRate = bull && median(bull.throughput)
  rows.push([
    `no-op tasks, ${options.tasks.toLocaleString('en-US')} enqueued in batches of 1,000, concurrency ${options.concurrency} (median of ${options.runs})`,
    `${rate(kvRate)} (${range(kv.throughput)})`,
    bull ? `${rate(bullRate!)} (${range(bull.throughput)})` : '-',
    bull ? `${(kvRate / bullRate!).toFixed(2)}x` : '-',
    '>= 1x BullMQ',
  ])
  for (const p of [50, 99]) {
    const k = percentile(kv.latencyMs, p)
    const b = bull && percentile(bull.latencyMs, p)
    rows.push([
      `enqueue-to-start latency p${p}, idle runner (${options.samples} tasks one at a time)`,
      ms(k),
      bull ? ms(b!) : '-',
      bull ? `${(k / b!).toFixed(2)}x` : '-',
      p === 50 ? '< 10 ms' : '-',
    ])
  }
  const head = [
    'operation',
    'kvgraph tasks (LevelDB)',
    'BullMQ (redis-server)',
    'ratio kvgraph / BullMQ',
    'target',
  ]
  const table = [head, head.map(() => '---'), ...rows].map((r) => `| ${r.join(' | ')} |`).join('\n')
  return [...header, '', table, ''].join('\n')
}
