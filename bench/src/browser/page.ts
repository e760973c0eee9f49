// The browser benchmark, run inside the page: kvgraph on browser-level against raw
// browser-level and against graphology, every pair measured in this page, in this run,
// interleaved run by run. Bundled by ./run-browser.ts.
import { openStore, type Store } from '@kvgraph/core'
import { seededRandom } from '@kvgraph/core/random'
import { Graph } from '@kvgraph/graph'
import { MultiDirectedGraph } from 'graphology'
import { bfsFromNode } from 'graphology-traversal'
import { Level } from 'level'

export interface BrowserBenchConfig {
  /** One-at-a-time puts and gets per run. */
  ops: number
  /** Prefix scans of 100 keys per run. */
  scans: number
  edges: number
  runs: number
}

export interface BrowserRow {
  operation: string
  unit: string
  ours: number
  baselineName: string
  baseline: number
  target: number
}

const median = (values: number[]) => [...values].sort((a, b) => a - b)[values.length >> 1]!

/** Median time (ms) of each side over `runs`, the sides alternating within each run. */
async function compare(
  runs: number,
  sides: {
    ours: (run: number) => Promise<void> | void
    baseline: (run: number) => Promise<void> | void
  },
) {
  const ms = { ours: [] as number[], baseline: [] as number[] }
  for (let run = 0; run < runs; run++) {
    for (const side of run % 2
      ? (['baseline', 'ours'] as const)
      : (['ours', 'baseline'] as const)) {
      const started = performance.now()
      await sides[side](run)
      ms[side].push(performance.now() - started)
    }
  }
  return { ours: median(ms.ours), baseline: median(ms.baseline) }
}

const perSecond = (count: number, ms: number) => Math.round((count / ms) * 1000)
const pad = (i: number) => String(i).padStart(7, '0')

async function recordRows(config: BrowserBenchConfig, store: Store, raw: Level<string, string>) {
  const rows: BrowserRow[] = []
  const { ops, scans, runs } = config
  const value = (i: number) => ({ name: `user ${i}`, age: i % 90, tags: ['a', 'b'] })

  const put = await compare(runs, {
    ours: async (run) => {
      for (let i = 0; i < ops; i++) await store.put(`put/${run}/${pad(i)}`, value(i))
    },
    baseline: async (run) => {
      for (let i = 0; i < ops; i++) await raw.put(`put/${run}/${pad(i)}`, JSON.stringify(value(i)))
    },
  })
  rows.push(row('put, one at a time', ops, put, 'raw browser-level put', 0.5))

  // Both sides hold the same keys (the store's also its version header).
  for (let i = 0; i < ops; i++) {
    await store.put(`get/${pad(i)}`, value(i))
    await raw.put(`get/${pad(i)}`, JSON.stringify(value(i)))
  }
  const order = Array.from({ length: ops }, (_, i) => Math.floor(seededRandom(7 + i)() * ops))
  const get = await compare(runs, {
    ours: async () => {
      for (const i of order) if (!(await store.get(`get/${pad(i)}`))) throw new Error('missing')
    },
    baseline: async () => {
      for (const i of order)
        if ((await raw.get(`get/${pad(i)}`)) === undefined) throw new Error('missing')
    },
  })
  rows.push(row('get, one at a time', ops, get, 'raw browser-level get', 0.8))

  const groups = 20
  await store.mutate(
    Array.from({ length: groups * 100 }, (_, i) => ({
      op: 'put' as const,
      key: `scan/${pad(Math.floor(i / 100))}/${pad(i)}`,
      value: value(i),
    })),
  )
  await raw.batch(
    Array.from({ length: groups * 100 }, (_, i) => ({
      type: 'put' as const,
      key: `scan/${pad(Math.floor(i / 100))}/${pad(i)}`,
      value: JSON.stringify(value(i)),
    })),
  )
  const scan = await compare(runs, {
    ours: async () => {
      for (let s = 0; s < scans; s++) {
        const page = await store.getPrefix(`scan/${pad(s % groups)}/`, { limit: 100 })
        if (page.records.length !== 100) throw new Error(`scan read ${page.records.length}`)
      }
    },
    baseline: async () => {
      for (let s = 0; s < scans; s++) {
        const prefix = `scan/${pad(s % groups)}/`
        const entries = await raw.iterator({ gte: prefix, lt: `${prefix}\uffff`, limit: 100 }).all()
        if (entries.length !== 100) throw new Error(`raw scan read ${entries.length}`)
        for (const [, text] of entries) JSON.parse(text)
      }
    },
  })
  rows.push(row('prefix scan of 100', scans, scan, 'raw browser-level iterator', 0.7))
  return rows
}

function row(
  operation: string,
  count: number,
  ms: { ours: number; baseline: number },
  baselineName: string,
  target: number,
  unit = 'ops/s',
): BrowserRow {
  return {
    operation,
    unit,
    ours: perSecond(count, ms.ours),
    baselineName,
    baseline: perSecond(count, ms.baseline),
    target,
  }
}

async function bfsRows(config: BrowserBenchConfig, store: Store): Promise<BrowserRow[]> {
  const nodes = Math.max(10, Math.round(config.edges / 10))
  const random = seededRandom(42)
  const user = (i: number) => ({ type: 'User', id: `u${i}` })
  const pairs = Array.from({ length: config.edges }, () => [
    Math.floor(random() * nodes),
    Math.floor(random() * nodes),
  ])
  const kept = new Graph(store)
  await kept.import(pairs.map(([a, b]) => ({ from: user(a!), type: 'follows', to: user(b!) })))
  const memory = new MultiDirectedGraph()
  for (let i = 0; i < nodes; i++) memory.addNode(`u${i}`)
  for (const [a, b] of pairs) memory.addEdge(`u${a}`, `u${b}`)
  let reached = { ours: 0, memory: 0 }
  const walk = async (graph: Graph) => {
    let count = 0
    for await (const _ of graph.bfs(user(0))) count++
    reached.ours = count
  }
  const inMemory = () => {
    let count = 0
    bfsFromNode(memory, 'u0', () => {
      count++
    })
    reached.memory = count
  }
  const fresh = await compare(config.runs, {
    ours: () => walk(new Graph(store)),
    baseline: inMemory,
  })
  await walk(kept) // fills the adjacency the kept Graph holds
  const held = await compare(config.runs, { ours: () => walk(kept), baseline: inMemory })
  if (reached.ours !== reached.memory)
    throw new Error(`bfs reached ${reached.ours} nodes, graphology ${reached.memory}`)
  reached = { ...reached }
  const name = (how: string) =>
    `BFS over ${config.edges.toLocaleString('en-US')} edges (${reached.ours.toLocaleString('en-US')} nodes reached), ${how}`
  return [
    row(name('fresh Graph'), config.edges, fresh, 'graphology in the same page', 0.5, 'edges/s'),
    row(name('kept adjacency'), config.edges, held, 'graphology in the same page', 1.5, 'edges/s'),
  ]
}

async function runBench(config: BrowserBenchConfig): Promise<BrowserRow[]> {
  const id = Date.now().toString(36)
  const store = await openStore(`bench-${id}`, { sweepIntervalMs: 0 })
  const raw = new Level<string, string>(`bench-raw-${id}`, {
    keyEncoding: 'utf8',
    valueEncoding: 'utf8',
  })
  await raw.open()
  try {
    return [...(await recordRows(config, store, raw)), ...(await bfsRows(config, store))]
  } finally {
    await store.close()
    await raw.close()
  }
}

Object.assign(globalThis, { runBench })
