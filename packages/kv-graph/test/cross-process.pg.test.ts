import { type ChildProcess, spawn } from 'node:child_process'
import { createInterface } from 'node:readline'
import { fileURLToPath } from 'node:url'
import { openStore, type Store } from '@kvgraph/core'
import { Graph, type NodeRef } from '@kvgraph/graph'
import { afterAll, beforeAll, expect, inject, it } from 'vitest'
import { nodeCode } from '../src/key-codec.js'
import { DEFAULT_TUNING } from '../src/tuning.js'
import { watchedAccess } from './helpers/access.js'

// A Graph that holds the adjacency in this process, another process writing edges to the same
// PostgreSQL table: a traversal that starts after the other process's write was acknowledged
// sees it, and one that starts after a removal does not use the removed edge.

const WRITER = fileURLToPath(new URL('./cross-process/edge-writer.mjs', import.meta.url))
const user = (id: string): NodeRef => ({ type: 'User', id })

let store: Store
let writer: ChildProcess
let send: (line: string) => Promise<void>

beforeAll(async () => {
  const url = new URL(inject('postgresUrl'))
  url.searchParams.set('table', `graph_cross_${process.pid}_${Date.now().toString(36)}`)
  store = await openStore(url.toString())
  writer = spawn(process.execPath, [WRITER, url.toString(), 'g'], {
    stdio: ['pipe', 'pipe', 'inherit'],
  })
  const lines = createInterface({ input: writer.stdout! })
  const waiting: Array<(line: string) => void> = []
  lines.on('line', (line) => waiting.shift()?.(line))
  const next = () => new Promise<string>((resolve) => waiting.push(resolve))
  expect(await next()).toBe('ready')
  send = async (line) => {
    const answer = next()
    writer.stdin!.write(`${line}\n`)
    expect(await answer).toBe(`ok ${line}`)
  }
})

afterAll(async () => {
  writer?.stdin?.write('exit\n')
  await store?.close()
})

it("a held adjacency follows another process's edge writes and removals", async () => {
  // Load the whole adjacency after the first seek, so the traversals below run on held tables.
  const access = watchedAccess()
  const tuning = { ...DEFAULT_TUNING, load: { ...DEFAULT_TUNING.load, probeAfterSeeks: 1 } }
  const graph = new Graph(store, { namespace: 'g' }, { tuning, access })
  await graph.import(
    ['a-b', 'b-c', 'c-d', 'd-e'].map((pair) => {
      const [from, to] = pair.split('-') as [string, string]
      return { from: user(from), type: 'follows', to: user(to) }
    }),
  )
  const hops = async (from: string, to: string) =>
    (await graph.shortestPath(user(from), user(to)))?.edges.length
  expect(await hops('a', 'e')).toBe(4)
  expect(await hops('a', 'e')).toBe(4)
  expect(access.rawKeyBatches).toHaveBeenCalled() // the whole adjacency was loaded
  access.prefixGroups.mockClear()

  for (let round = 0; round < 5; round++) {
    await send('add a d')
    expect(await hops('a', 'e')).toBe(2)
    await send('remove a d')
    expect(await hops('a', 'e')).toBe(4)
    await send('remove c d')
    expect(await hops('a', 'e')).toBeUndefined()
    const reached: string[] = []
    for await (const step of graph.bfs(user('a'))) reached.push(step.node.id)
    expect(reached).toEqual(['a', 'b', 'c'])
    await send('add c d')
    expect(await hops('a', 'e')).toBe(4)
  }
  // The held tables dropped only the lists the other process changed (a, c and d's), caught up
  // from the change stream, and served everything else: b and e were never read again.
  const read = access.prefixGroups.mock.calls.flatMap(([, prefixes]) => prefixes)
  expect(read.length).toBeGreaterThan(0)
  for (const untouched of ['b', 'e'])
    expect(read.filter((prefix) => prefix.includes(nodeCode(user(untouched))))).toEqual([])
})
