/**
 * A load child of the crash harness. It starts while the parent still checks the last cycle and
 * waits for a `go` line on stdin (so starting node and loading modules overlap the check); then
 * it opens CRASH_TARGET, prints `ready` and runs CRASH_WORKERS
 * workers (worker.ts) until the parent SIGKILLs it. Each worker's random choices follow
 * CRASH_SEED, so a failing cycle can be run again.
 */
import { writeSync } from 'node:fs'
import { seededRandom } from '@kvgraph/core/random'
import { handles } from './observe.js'
import { openTarget } from './target.js'
import { Worker } from './worker.js'

const env = process.env
await new Promise<void>((resolve) => {
  let input = ''
  process.stdin.setEncoding('utf8')
  process.stdin.on('data', (chunk) => {
    input += chunk
    if (input.includes('go\n')) resolve()
  })
})
const store = await openTarget(env.CRASH_TARGET!)
const h = handles(store)
const seed = Number(env.CRASH_SEED ?? 1)
const workers = Array.from(
  { length: Number(env.CRASH_WORKERS ?? 3) },
  (_, w) => new Worker(h, w, seededRandom(seed * 31 + w)),
)
for (const worker of workers) await worker.load()
writeSync(1, 'ready\n')
await Promise.all(workers.map((worker) => worker.run()))
