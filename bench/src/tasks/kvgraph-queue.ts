import { mkdtemp, rm } from 'node:fs/promises'
import { tmpdir } from 'node:os'
import { join } from 'node:path'
import { performance } from 'node:perf_hooks'
import { openStore, type Store } from '@kvgraph/core'
import { Tasks } from '@kvgraph/tasks'
import { type QueueBenchOptions, type QueueFigures, sleep } from './stats.js'

/** Where the kvgraph queue runs: a LevelDB directory (the default) or ':memory:'. */
export type KvTarget = 'leveldb' | 'memory'

async function withStore<T>(target: KvTarget, work: (store: Store) => Promise<T>): Promise<T> {
  const dir = await mkdtemp(join(tmpdir(), 'kv-tasks-bench-'))
  const store = await openStore(target === 'memory' ? ':memory:' : join(dir, 'db'))
  try {
    return await work(store)
  } finally {
    await store.close()
    await rm(dir, { recursive: true, force: true })
  }
}

/** Enqueues `n` no-op tasks in batches of 1,000 (one write each), runs them; tasks/s. */
async function throughputRun(store: Store, n: number, concurrency: number): Promise<number> {
  const tasks = new Tasks(store)
  let done = 0
  let finish!: () => void
  const finished = new Promise<void>((resolve) => {
    finish = resolve
  })
  const runner = tasks.run(
    {
      noop: async () => {
        if (++done === n) finish()
      },
    },
    { concurrency, pollMs: 1000 },
  )
  const start = performance.now()
  for (let i = 0; i < n; i += 1000) {
    const items = []
    for (let j = i; j < Math.min(n, i + 1000); j++) items.push({ name: 'noop', payload: j })
    await tasks.enqueueMany(items) // as BullMQ's addBulk: one write per 1,000
  }
  await finished
  // Count the completions' writes too: the runner has recorded all of them when stop resolves.
  await runner.stop()
  return n / ((performance.now() - start) / 1000)
}

/** One task at a time on an idle runner: ms from the enqueue call to the handler's start. */
async function latencyRun(store: Store, samples: number, concurrency: number): Promise<number[]> {
  const tasks = new Tasks(store)
  let started: (at: number) => void = () => {}
  const runner = tasks.run(
    { probe: async () => started(performance.now()) },
    { concurrency, pollMs: 1000 },
  )
  const out: number[] = []
  await sleep(50)
  for (let i = 0; i < samples; i++) {
    const startedAt = new Promise<number>((resolve) => {
      started = resolve
    })
    const t0 = performance.now()
    await tasks.enqueue('probe', i)
    out.push((await startedAt) - t0)
    await sleep(2) // let the completion land: the runner is idle again before the next sample
  }
  await runner.stop()
  return out
}

export async function benchKvgraph(
  options: QueueBenchOptions,
  target: KvTarget = 'leveldb',
): Promise<QueueFigures> {
  const throughput: number[] = []
  for (let r = 0; r < options.runs; r++)
    throughput.push(
      await withStore(target, (s) => throughputRun(s, options.tasks, options.concurrency)),
    )
  const latencyMs = await withStore(target, (s) =>
    latencyRun(s, options.samples, options.concurrency),
  )
  return { throughput, latencyMs }
}
