// The task-queue benchmark's kvgraph side on a tiny workload, and its report: no redis, no
// BullMQ, no timing assertions (the full comparison is `npm run bench:tasks -w @kvgraph/bench`).
import { describe, expect, it } from 'vitest'
import { benchKvgraph } from '../src/tasks/kvgraph-queue.js'
import { tasksReport } from '../src/tasks/report.js'
import { percentile } from '../src/tasks/stats.js'

describe('task queue benchmark (smoke)', () => {
  it('measures throughput and latency on LevelDB and reports them', async () => {
    const options = { tasks: 300, runs: 1, concurrency: 50, samples: 10 }
    const figures = await benchKvgraph(options)
    expect(figures.throughput).toHaveLength(1)
    expect(figures.throughput[0]).toBeGreaterThan(0)
    expect(figures.latencyMs).toHaveLength(10)
    expect(figures.latencyMs.every((ms) => ms >= 0 && Number.isFinite(ms))).toBe(true)
    const report = tasksReport(options, figures, undefined, ['# t'])
    expect(report).toContain(
      '| no-op tasks, 300 enqueued in batches of 1,000, concurrency 50 (median of 1) |',
    )
    expect(report.match(/enqueue-to-start latency p(50|99)/g)).toHaveLength(2)
  })

  it('percentiles are nearest-rank', () => {
    const xs = [5, 1, 4, 2, 3, 10, 9, 8, 7, 6]
    expect(percentile(xs, 50)).toBe(5)
    expect(percentile(xs, 99)).toBe(10)
    expect(percentile(xs, 10)).toBe(1)
  })
})
