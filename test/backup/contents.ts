// A store with one of everything a backup must carry, and a comparable picture of a store's
// contents through the public API (records with versions, types, times and TTLs; every
// namespace; stream entries; consumer positions; counters; graph edges and nodes).
import type { KvRecord, Store } from '@kvgraph/core'
import { Graph } from '@kvgraph/graph'

/** A clock tests move by hand, shared by a source and its target. */
export function manualClock(start = Date.parse('2026-06-01T12:00:00Z')) {
  const clock = { now: start, read: () => clock.now }
  return clock
}

export const NAMESPACES = [[], ['tenant'], ['tenant', 'inner\0odd']] as const

export function spaceOf(store: Store, path: readonly string[]): Store {
  return path.reduce((space, name) => space.namespace(name), store)
}

/**
 * Fills a store: typed records, updated records (version 3), TTL records (one expiring at
 * `clock.now + 1_000`, one at `+ 600_000`), nested namespaces, a graph, a trimmed stream, a
 * consumer with a committed position and a lease, a lock, counters.
 */
export async function fill(store: Store, clock: { now: number }): Promise<void> {
  for (const path of NAMESPACES) {
    const space = spaceOf(store, path)
    for (let i = 0; i < 30; i++) await space.put(`user/${i}`, { i, name: `n${i}` })
    await space.put('typed/a', { a: 1 }, { type: 'Special' })
    await space.put('typed/b', [1, 'two', null], { type: 'Special' })
    clock.now += 5_000
    await space.patch('user/1', { name: 'renamed' })
    clock.now += 5_000
    await space.put('user/1', { i: 1, name: 'again' })
    await space.put('ttl/soon', 'soon', { ttl: 1_000 })
    await space.put('ttl/later', 'later', { ttl: 600_000, type: 'Temp' })
    await space.delete('user/29')
    await space.seq('counter', 7)
    await space.lockAcquire('the-lock', 'someone', 600_000)
  }
  await store.streamTrim(3)
  const consumer = store.consumer('reader', { leaseMs: 600_000 })
  await consumer.next(5)
  await consumer.commit(5)
  const graph = new Graph(store)
  await graph.addEdge(
    { type: 'person', id: 'ann' },
    'knows',
    { type: 'person', id: 'bob' },
    { since: 2020 },
  )
  await graph.addEdge({ type: 'person', id: 'bob' }, 'knows', { type: 'person', id: 'cy' })
  await graph.putNode({ type: 'person', id: 'ann' }, { age: 41 })
}

async function allRecords(store: Store): Promise<KvRecord[]> {
  const records: KvRecord[] = []
  for await (const record of store.entries({ prefix: '' })) records.push(record)
  return records
}

/** Everything comparable about a store, every namespace included. */
export async function contents(store: Store) {
  const spaces = []
  for (const path of NAMESPACES) {
    const space = spaceOf(store, path)
    spaces.push({
      path,
      records: await allRecords(space),
      special: (await space.getType('Special')).records.map((r) => r.key),
      temp: (await space.getType('Temp')).records.map((r) => r.key),
      streamSeq: await space.streamSeq(),
      stream: await space.stream({ from: 0, limit: 10_000 }),
      counter: await space.seq('counter', 0),
    })
  }
  const graph = new Graph(store)
  const edges = []
  for await (const edge of graph.allEdges()) edges.push(edge)
  const nodes = []
  for await (const node of graph.nodes()) nodes.push(node)
  const reader = await store.consumer('reader').status()
  return { spaces, edges, nodes, readerPosition: reader.position }
}
