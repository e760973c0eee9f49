import { performance } from 'node:perf_hooks'
import { Queue, Worker } from 'bullmq'
import { type QueueBenchOptions, type QueueFigures, sleep } from './stats.js'

/** BullMQ on the given redis port, with the settings peers.md measured: one Worker at `concurrency`. */
export async function benchBullmq(port: number, options: QueueBenchOptions): Promise<QueueFigures> {
  const connection = { host: '127.0.0.1', port, maxRetriesPerRequest: null }
  const throughput: number[] = []
  for (let r = 0; r < options.runs; r++) {
    const name = `noop-${r}`
    const queue = new Queue(name, { connection })
    let done = 0
    let finish!: () => void
    const finished = new Promise<void>((resolve) => {
      finish = resolve
    })
    const worker = new Worker(
      name,
      async () => {
        if (++done === options.tasks) finish()
      },
      { connection, concurrency: options.concurrency },
    )
    await worker.waitUntilReady()
    const start = performance.now()
    for (let i = 0; i < options.tasks; i += 1000) {
      const jobs = []
      for (let j = i; j < Math.min(options.tasks, i + 1000); j++)
        jobs.push({ name: 'noop', data: j })
      await queue.addBulk(jobs)
    }
    await finished
    await worker.close() // waits for the last completions to be recorded
    throughput.push(options.tasks / ((performance.now() - start) / 1000))
    await queue.obliterate({ force: true })
    await queue.close()
  }

  const queue = new Queue('probe', { connection })
  let started: (at: number) => void = () => {}
  const worker = new Worker('probe', async () => started(performance.now()), {
    connection,
    concurrency: options.concurrency,
  })
  await worker.waitUntilReady()
  await sleep(50)
  const latencyMs: number[] = []
  for (let i = 0; i < options.samples; i++) {
    const startedAt = new Promise<number>((resolve) => {
      started = resolve
    })
    const t0 = performance.now()
    await queue.add('probe', i)
    latencyMs.push((await startedAt) - t0)
    await sleep(2)
  }
  await worker.close()
  await queue.close()
  return { throughput, latencyMs }
}
