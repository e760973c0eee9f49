/**
 * One memory measurement in a process of its own, so nothing the main bench allocated (and
 * LevelDB's native memory is not given back) blurs it. Spawned by memory.ts with --expose-gc;
 * prints one JSON line.
 */
import { openStore } from '@kvgraph/core'
import { Graph } from '@kvgraph/graph'
import { benchGraph, toGraphology, user } from './graph-data.js'
import { kvImport } from './graph-import.js'
import type { ChildJob, ChildResult } from './memory.js'
import { collectGarbage, RssSampler } from './rss.js'

const job = JSON.parse(process.argv[2]!) as ChildJob
const { scale } = job
const sampler = new RssSampler()
let result: ChildResult

if (job.mode === 'graphology') {
  const graph = benchGraph(scale)
  collectGarbage()
  const before = process.memoryUsage()
  const memory = toGraphology(graph)
  collectGarbage()
  const after = process.memoryUsage()
  result = {
    rssGrowth: after.rss - before.rss,
    heapGrowth: after.heapUsed - before.heapUsed,
    count: memory.size,
  }
} else if (job.mode === 'import') {
  const graph = benchGraph(scale)
  collectGarbage()
  const start = sampler.start()
  const count = await kvImport(graph, job.dir)
  result = { rssGrowth: sampler.stop() - start, count }
} else {
  const store = await openStore(job.dir)
  const graph = new Graph(store)
  collectGarbage()
  const start = sampler.start()
  let count = 0
  for await (const _ of graph.bfs(user(job.hub))) {
    if ((++count & 1023) === 0) sampler.sample()
  }
  result = { rssGrowth: sampler.stop() - start, count }
  await store.close()
}
process.stdout.write(`${JSON.stringify(result)}\n`)
