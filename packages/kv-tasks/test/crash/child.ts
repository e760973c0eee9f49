/**
 * A runner process for the crash tests, run with `node --import tsx`. It opens the store named
 * by KV_TASKS_TARGET (`level:<dir>` or `postgres:<url>`; see open-target.ts),
 * starts RUNNERS runners and prints `ready`. Mode `hang`: the handler prints `started <id>` and
 * never returns (the parent SIGKILLs it). Mode `work`: the handler appends `<id> <runnerId>` to
 * LOG synchronously (so the line survives a SIGKILL; the first one also prints `working`),
 * waits a moment and returns its runner id; the process prints `done` and exits 0 once no task
 * is pending or running.
 */
import { appendFileSync } from 'node:fs'
import { Tasks } from '../../src/index.js'
import { openTarget } from './open-target.js'

const env = process.env
const store = await openTarget(env.KV_TASKS_TARGET!)
const tasks = new Tasks(store)
const mode = env.MODE ?? 'work'
const runners = Number(env.RUNNERS ?? 1)
const options = {
  concurrency: Number(env.CONCURRENCY ?? 1),
  leaseMs: Number(env.LEASE_MS ?? 300),
  pollMs: Number(env.POLL_MS ?? 20),
}

/** Printed once, at the first task a handler starts: the parent kills only processes at work. */
let working = false

for (let i = 0; i < runners; i++) {
  const runnerId = `${env.RUNNER_PREFIX ?? 'r'}-${process.pid}-${i}`
  tasks.run(
    {
      work: async (_payload, ctx) => {
        if (mode === 'hang') {
          process.stdout.write(`started ${ctx.id} ${ctx.runnerId}\n`)
          return new Promise(() => {})
        }
        appendFileSync(env.LOG!, `${ctx.id} ${ctx.runnerId}\n`)
        if (!working) {
          working = true
          process.stdout.write('working\n')
        }
        await new Promise((r) => setTimeout(r, 1 + Math.random() * 4))
        return { by: ctx.runnerId }
      },
    },
    { ...options, runnerId },
  )
}
process.stdout.write('ready\n')

if (mode === 'work') {
  for (;;) {
    await new Promise((r) => setTimeout(r, 50))
    const [pending, running] = await Promise.all([
      tasks.list({ status: 'pending', limit: 1 }),
      tasks.list({ status: 'running', limit: 1 }),
    ])
    if (pending.tasks.length === 0 && running.tasks.length === 0) break
  }
  process.stdout.write('done\n')
  process.exit(0)
}
