/**
 * Resource bounds (issue 24), measured rather than asserted:
 *   1. a BFS over NODES nodes and EDGES edges honours maxNodes, maxDepth and an AbortSignal
 *      (how long after the signal fires it stops, and the longest event-loop block);
 *   2. a consumer and a watcher keep flat memory over EVENTS stream events (RSS and heap after
 *      a GC, sampled as the events go by).
 *
 *   npm run bounds -w @kvgraph/bench -- [--nodes 100000] [--edges 1000000] [--events 1000000]
 */
import { mkdtempSync, rmSync } from 'node:fs'
import { tmpdir } from 'node:os'
import { join } from 'node:path'
import { monitorEventLoopDelay, performance } from 'node:perf_hooks'
import { parseArgs } from 'node:util'
import { openStore, type Store } from '@kvgraph/core'
import { seededRandom } from '@kvgraph/core/random'
import { Graph } from '@kvgraph/graph'

const { values } = parseArgs({
  options: {
    nodes: { type: 'string', default: '100000' },
    edges: { type: 'string', default: '1000000' },
    events: { type: 'string', default: '1000000' },
  },
})
const NODES = Number(values.nodes)
const EDGES = Number(values.edges)
const EVENTS = Number(values.events)
const mb = (bytes: number) => `${(bytes / 2 ** 20).toFixed(1)} MB`
const node = (i: number) => ({ type: 'N', id: String(i) })

async function bfsBounds(store: Store): Promise<void> {
  const graph = new Graph(store)
  const random = seededRandom(24)
  const started = performance.now()
  function* edges() {
    for (let i = 0; i < EDGES; i++)
      yield { from: node(i % NODES), type: 'e', to: node(Math.floor(random() * NODES)) }
  }
  await graph.import(edges())
  console.log(
    `graph: ${NODES} nodes, ${EDGES} edges imported in ${((performance.now() - started) / 1000).toFixed(1)} s`,
  )

  const run = async (
    label: string,
    options: Parameters<Graph['bfs']>[1],
    abortAt?: () => number,
  ) => {
    const delay = monitorEventLoopDelay({ resolution: 1 })
    delay.enable()
    const t0 = performance.now()
    let visited = 0
    let deepest = 0
    const traversal = graph.bfs(node(0), { direction: 'both', ...options })
    for await (const step of traversal) {
      visited++
      deepest = Math.max(deepest, step.depth)
    }
    const elapsed = performance.now() - t0
    delay.disable()
    const late = abortAt
      ? ` (stopped ${(performance.now() - abortAt()).toFixed(1)} ms after the signal)`
      : ''
    console.log(
      `bfs ${label}: ${visited} nodes, depth <= ${deepest}, stopped: ${traversal.stopped ?? 'no'}, ` +
        `${elapsed.toFixed(1)} ms${late}, longest event-loop block ${(delay.max / 1e6).toFixed(1)} ms`,
    )
  }
  await run('maxNodes 1000', { maxNodes: 1000 })
  await run('maxDepth 2', { maxDepth: 2 })
  let firedAt = 0
  const signal = AbortSignal.timeout(20)
  signal.addEventListener('abort', () => {
    firedAt = performance.now()
  })
  await run('AbortSignal.timeout(20)', { signal }, () => firedAt)
}

async function flatMemory(store: Store): Promise<void> {
  const consumer = store.consumer('bounds')
  const controller = new AbortController()
  let watched = 0
  const watcher = (async () => {
    for await (const events of store.watch('', { signal: controller.signal }))
      watched += events.length
  })().catch((error) => {
    if ((error as Error).name !== 'AbortError') throw error
  })
  let consumed = 0
  const samples: string[] = []
  const sample = () => {
    globalThis.gc?.()
    const { rss, heapUsed } = process.memoryUsage()
    samples.push(`${consumed}: rss ${mb(rss)}, heap ${mb(heapUsed)}`)
  }
  sample()
  const batch = 1000
  for (let written = 0; written < EVENTS; written += batch) {
    await store.mutate(
      Array.from({ length: batch }, (_, i) => ({
        op: 'put' as const,
        key: `ev/${(written + i) % 10_000}`,
        value: written + i,
      })),
    )
    for (
      let entries = await consumer.next(batch);
      entries.length > 0;
      entries = await consumer.next(batch)
    ) {
      consumed += entries.length
      await consumer.commit(entries.at(-1)!.seq)
    }
    // Old entries go, as a long-running deployment would trim them.
    if (written % 100_000 === 0 && written > 0) await store.streamTrim(consumed - batch)
    if ((written + batch) % (EVENTS / 10) === 0) sample()
  }
  controller.abort()
  await watcher
  console.log(
    `consumer and watcher over ${consumed} events (watcher saw ${watched}), memory after GC:`,
  )
  for (const line of samples) console.log(`  ${line}`)
}

const dir = mkdtempSync(join(tmpdir(), 'kvgraph-bounds-'))
try {
  const graphStore = await openStore(join(dir, 'graph'), { stream: false })
  await bfsBounds(graphStore)
  await graphStore.close()
  const streamStore = await openStore(join(dir, 'stream'))
  await flatMemory(streamStore)
  await streamStore.close()
} finally {
  rmSync(dir, { recursive: true, force: true })
}
