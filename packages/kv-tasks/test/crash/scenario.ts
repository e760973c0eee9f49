import { readFileSync, writeFileSync } from 'node:fs'
import { join } from 'node:path'
import type { Store } from '@kvgraph/core'
import { seededRandom } from '@kvgraph/core/random'
import { type Task, Tasks } from '../../src/index.js'
import { startRunnerProcess } from './harness.js'

export interface CrashScenario {
  /** Where the processes open the store (`level:<dir>` or `postgres:<url>`; see open-target.ts). */
  target: string
  /** Opens the same store in the test process, for the set-up and the checks. */
  open: () => Promise<Store>
  /** A scratch directory for the execution log. */
  dir: string
  total: number
  /**
   * Runner processes at a time. LevelDB: 1 (one process holds the directory); an engine that
   * processes share (PostgreSQL): 4 at once, as the issue asks.
   */
  processes: number
  runnersPerProcess: number
  kills: number
  seed: number
}

export interface CrashOutcome {
  tasks: Task[]
  /** Per task id, the runners whose handler started it (from the log, which survives SIGKILL). */
  executions: Map<string, string[]>
  /** Per task key, how many change-stream entries set it `completed`. */
  completions: Map<string, number>
  kills: number
  rounds: number
}

/**
 * Enqueues `total` tasks, then runs rounds of runner processes, SIGKILLing some at random moments
 * (one a round, or all but one when processes run side by side) until `kills` processes died;
 * the rest run until the queue is empty and exit 0.
 * Returns what the checks need.
 */
export async function runCrashScenario(s: CrashScenario): Promise<CrashOutcome> {
  await withStore(s, async (store, tasks) => {
    for (let i = 0; i < s.total; i += 1000) {
      const items = []
      for (let j = i; j < Math.min(s.total, i + 1000); j++)
        items.push({ name: 'work', payload: { n: j } })
      await tasks.enqueueMany(items)
    }
    return store
  })
  const log = join(s.dir, 'executions.log')
  writeFileSync(log, '')
  const random = seededRandom(s.seed)
  const env = {
    KV_TASKS_TARGET: s.target,
    MODE: 'work',
    RUNNERS: String(s.runnersPerProcess),
    CONCURRENCY: '8',
    LEASE_MS: '300',
    POLL_MS: '20',
    LOG: log,
  }
  let kills = 0
  let rounds = 0
  for (let finished = false; !finished && rounds < 60; rounds++) {
    const procs = Array.from({ length: s.processes }, (_, i) =>
      startRunnerProcess({ ...env, RUNNER_PREFIX: `round${rounds}.${i}` }),
    )
    await Promise.all(procs.map((p) => p.line('ready')))
    const timers = pickVictims(
      procs,
      Math.min(s.kills - kills, Math.max(1, procs.length - 1)),
      random,
    ).map((victim) => {
      // Killed mid-task: a moment after its first task started (a process that finds no work
      // exits by itself).
      const delay = 20 + random() * 180
      let timer: NodeJS.Timeout | undefined
      victim.line('working').then(
        () => {
          timer = setTimeout(() => victim.child.kill('SIGKILL'), delay)
        },
        () => {},
      )
      return () => clearTimeout(timer)
    })
    const exits = await Promise.all(procs.map((p) => p.exited))
    for (const cancel of timers) cancel()
    for (const { code, signal, stderr } of exits) {
      if (signal === 'SIGKILL') kills++
      else if (code !== 0) throw new Error(`runner process failed (${code}): ${stderr}`)
      else finished = true
    }
  }
  const executions = new Map<string, string[]>()
  for (const line of readFileSync(log, 'utf8').split('\n')) {
    if (!line) continue
    const [id, runner] = line.split(' ') as [string, string]
    executions.set(id, [...(executions.get(id) ?? []), runner])
  }
  return withStore(s, async (store, tasks) => {
    const all: Task[] = []
    let cursor: string | undefined
    do {
      const page = await tasks.list(cursor ? { limit: 1000, cursor } : { limit: 1000 })
      all.push(...page.tasks)
      cursor = page.cursor
    } while (cursor)
    // Every write of a task is in the change stream: count the ones that completed it.
    const completions = new Map<string, number>()
    for (let from = 1; ; ) {
      const entries = await store.stream({ from, prefix: 'tasks/task/', limit: 5000 })
      if (entries.length === 0) break
      for (const e of entries) {
        if ((e.value as { status?: string } | null)?.status !== 'completed') continue
        completions.set(e.key, (completions.get(e.key) ?? 0) + 1)
      }
      from = entries.at(-1)!.seq + 1
    }
    return { tasks: all, executions, completions, kills, rounds }
  })
}

/** `count` distinct processes, chosen at random. */
function pickVictims<T>(procs: T[], count: number, random: () => number): T[] {
  const pool = [...procs]
  const victims: T[] = []
  while (victims.length < count && pool.length > 0)
    victims.push(pool.splice(Math.floor(random() * pool.length), 1)[0]!)
  return victims
}

async function withStore<T>(
  s: CrashScenario,
  work: (store: Store, tasks: Tasks) => Promise<T>,
): Promise<T> {
  const store = await s.open()
  try {
    return await work(store, new Tasks(store))
  } finally {
    await store.close()
  }
}
