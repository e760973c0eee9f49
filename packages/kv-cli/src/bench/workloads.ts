import type { JsonValue, KvMutation, Store } from '@kvgraph/core'
import type { EdgeInput } from '@kvgraph/graph'
import { randomInt } from './random.js'

export const WORKLOADS = ['put', 'get', 'patch', 'mixed', 'edges', 'path'] as const
export type WorkloadName = (typeof WORKLOADS)[number]

export interface WorkloadOptions {
  n: number
  /** Records written before a get/patch/mixed run, nodes of the edges/path graph. */
  records: number
  /** Average out-degree of the path benchmark's graph. */
  degree: number
  valueBytes: number
  random: () => number
}

/** A prepared workload: its operation, and counters to add to the summary. */
export interface Workload {
  /** Records or edges written by setup (not timed, not counted as operations). */
  setupWrites: number
  op(i: number): Promise<void>
  counters(): Record<string, number>
}

const KEY = (i: number) => `bench/${String(i).padStart(9, '0')}`

function benchValue(i: number, bytes: number): JsonValue {
  return { i, payload: 'x'.repeat(bytes) }
}

async function preload(store: Store, count: number, bytes: number): Promise<void> {
  for (let start = 0; start < count; start += 1000) {
    const batch: KvMutation[] = []
    for (let i = start; i < Math.min(count, start + 1000); i++) {
      batch.push({ op: 'put', key: KEY(i), value: benchValue(i, bytes) })
    }
    await store.mutate(batch)
  }
}

export async function prepareWorkload(
  name: WorkloadName,
  store: Store,
  o: WorkloadOptions,
): Promise<Workload> {
  const none = () => ({})
  switch (name) {
    case 'put':
      return {
        setupWrites: 0,
        op: async (i) => {
          await store.put(KEY(i), benchValue(i, o.valueBytes))
        },
        counters: none,
      }
    case 'get': {
      await preload(store, o.records, o.valueBytes)
      let missing = 0
      return {
        setupWrites: o.records,
        op: async () => {
          if (!(await store.get(KEY(randomInt(o.random, o.records))))) missing++
        },
        counters: () => ({ missing }),
      }
    }
    case 'patch': {
      await preload(store, o.records, o.valueBytes)
      return {
        setupWrites: o.records,
        op: async (i) => {
          await store.patch(KEY(randomInt(o.random, o.records)), { patched: i })
        },
        counters: none,
      }
    }
    case 'mixed': {
      await preload(store, o.records, o.valueBytes)
      const counts = { gets: 0, puts: 0, patches: 0 }
      return {
        setupWrites: o.records,
        op: async (i) => {
          const key = KEY(randomInt(o.random, o.records))
          const r = o.random()
          if (r < 0.6) {
            counts.gets++
            await store.get(key)
          } else if (r < 0.8) {
            counts.puts++
            await store.put(key, benchValue(i, o.valueBytes))
          } else {
            counts.patches++
            await store.patch(key, { patched: i })
          }
        },
        counters: () => ({ ...counts }),
      }
    }
    case 'edges': {
      const { Graph } = await import('@kvgraph/graph')
      const graph = new Graph(store)
      const node = () => ({ type: 'User', id: `u${randomInt(o.random, o.records)}` })
      return {
        setupWrites: 0,
        op: async (i) => {
          await graph.addEdge(node(), 'follows', node(), { i })
        },
        counters: none,
      }
    }
    case 'path': {
      const { Graph } = await import('@kvgraph/graph')
      const graph = new Graph(store)
      const edges: EdgeInput[] = []
      for (let from = 0; from < o.records; from++) {
        for (let k = 0; k < o.degree; k++) {
          const to = randomInt(o.random, o.records)
          edges.push({
            from: { type: 'N', id: `n${from}` },
            type: 'link',
            to: { type: 'N', id: `n${to}` },
          })
        }
      }
      const written = await graph.import(edges)
      let found = 0
      let hops = 0
      const node = () => ({ type: 'N', id: `n${randomInt(o.random, o.records)}` })
      return {
        setupWrites: written,
        op: async () => {
          const path = await graph.shortestPath(node(), node())
          if (path) {
            found++
            hops += path.edges.length
          }
        },
        counters: () => ({
          pathsFound: found,
          meanHops: found === 0 ? 0 : Math.round((hops / found) * 100) / 100,
        }),
      }
    }
  }
}
