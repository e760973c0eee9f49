import { readFileSync, writeFileSync } from 'node:fs'
import { mkdtemp, rm } from 'node:fs/promises'
import { tmpdir } from 'node:os'
import { join } from 'node:path'
import { openStore, type Store } from '@kvgraph/core'
import { seededRandom } from '@kvgraph/core/random'
import { Tasks } from '@kvgraph/tasks'
import { afterEach, beforeAll, beforeEach, describe, expect, it } from 'vitest'
import { ensureCoreBuilt, startRunnerProcess } from './crash/harness.js'
import { until } from './suite/helpers.js'

// Runner processes on a real LevelDB directory, SIGKILLed mid-task. LevelDB lets one process
// hold a directory, so the processes take turns on it; several runners share it inside each.
describe('crash reclaim (LevelDB, child processes)', () => {
  let dir: string
  let db: string
  beforeAll(() => ensureCoreBuilt())
  beforeEach(async () => {
    dir = await mkdtemp(join(tmpdir(), 'kv-tasks-crash-'))
    db = join(dir, 'db')
  })
  afterEach(async () => {
    await rm(dir, { recursive: true, force: true })
  })

  async function withStore<T>(work: (store: Store, tasks: Tasks) => Promise<T>): Promise<T> {
    const store = await openStore(db)
    try {
      return await work(store, new Tasks(store))
    } finally {
      await store.close()
    }
  }

  it('a runner SIGKILLed mid-task: another runner finishes the task once the lease runs out', async () => {
    const id = await withStore(async (_s, tasks) => (await tasks.enqueue('work', { n: 1 })).id)
    const victim = startRunnerProcess({
      KV_TASKS_TARGET: `level:${db}`,
      MODE: 'hang',
      RUNNER_PREFIX: 'victim',
      LEASE_MS: '400',
    })
    const started = await victim.line('started ')
    expect(started).toMatch(new RegExp(`^started ${id} victim-`))
    victim.child.kill('SIGKILL')
    expect((await victim.exited).signal).toBe('SIGKILL')

    await withStore(async (_s, tasks) => {
      const orphan = await tasks.get(id)
      expect(orphan).toMatchObject({ status: 'running', attempts: 1 })
      expect(orphan?.runnerId).toMatch(/^victim-/)
      const runner = tasks.run({ work: async () => 'rescued' }, { runnerId: 'rescuer', pollMs: 20 })
      try {
        const done = await until(async () => {
          const task = await tasks.get(id)
          return task?.status === 'completed' && task
        })
        expect(done).toMatchObject({ result: 'rescued', runnerId: 'rescuer', attempts: 2 })
        expect(done.lastError?.message).toMatch(/lease expired: runner "victim-/)
      } finally {
        await runner.stop()
      }
    })
  })

  it('1,000 tasks, 3 runners per process, random SIGKILLs: each completed exactly once, none lost', async () => {
    const TOTAL = 1000
    await withStore(async (store, tasks) => {
      for (let i = 0; i < TOTAL; i += 100) {
        const ops = []
        for (let j = i; j < i + 100; j++) ops.push(...(await tasks.enqueueOps('work', { n: j })))
        await store.mutate(ops)
      }
    })
    const log = join(dir, 'executions.log')
    writeFileSync(log, '')
    const random = seededRandom(21)
    const env = {
      KV_TASKS_TARGET: `level:${db}`,
      MODE: 'work',
      RUNNERS: '3',
      CONCURRENCY: '8',
      LEASE_MS: '300',
      POLL_MS: '20',
      LOG: log,
    }
    let kills = 0
    let finished = false
    for (let round = 0; round < 60 && !finished; round++) {
      const proc = startRunnerProcess({ ...env, RUNNER_PREFIX: `round${round}` })
      await proc.line('ready')
      const killAfter = kills < 5 ? 50 + random() * 250 : Number.POSITIVE_INFINITY
      const timer = Number.isFinite(killAfter)
        ? setTimeout(() => proc.child.kill('SIGKILL'), killAfter)
        : undefined
      const { code, signal, stderr } = await proc.exited
      clearTimeout(timer)
      if (signal === 'SIGKILL') kills++
      else {
        expect({ code, stderr }).toEqual({ code: 0, stderr: '' })
        finished = true
      }
    }
    expect(finished).toBe(true)
    expect(kills).toBe(5)

    const executions = new Map<string, string[]>()
    for (const line of readFileSync(log, 'utf8').split('\n')) {
      if (!line) continue
      const [id, runner] = line.split(' ') as [string, string]
      executions.set(id, [...(executions.get(id) ?? []), runner])
    }
    await withStore(async (store, tasks) => {
      const all = []
      let cursor: string | undefined
      do {
        const page = await tasks.list(cursor ? { limit: 500, cursor } : { limit: 500 })
        all.push(...page.tasks)
        cursor = page.cursor
      } while (cursor)
      expect(all).toHaveLength(TOTAL)
      expect(all.filter((t) => t.status !== 'completed')).toEqual([])
      expect(new Set(all.map((t) => (t.payload as { n: number }).n)).size).toBe(TOTAL)
      for (const task of all) {
        // The recorded result is that of a run of this very task, by the runner it names.
        const by = (task.result as { by: string }).by
        expect(by).toBe(task.runnerId)
        expect(executions.get(task.id)).toContain(by)
      }
      // Every transition is in the change stream: exactly one write set each task completed.
      const completions = new Map<string, number>()
      let from = 1
      for (;;) {
        const entries = await store.stream({ from, prefix: 'tasks/task/', limit: 5000 })
        if (entries.length === 0) break
        for (const e of entries) {
          if ((e.value as { status?: string } | null)?.status !== 'completed') continue
          completions.set(e.key, (completions.get(e.key) ?? 0) + 1)
        }
        from = entries.at(-1)!.seq + 1
      }
      expect(completions.size).toBe(TOTAL)
      expect([...completions.values()].every((n) => n === 1)).toBe(true)
    })
    expect(executions.size).toBe(TOTAL)
    await withStore(async (_s, tasks) => {
      // The kills landed mid-task: some tasks were reclaimed from a dead runner's lease.
      const reclaimed = []
      for (const [id, runs] of executions) {
        if (runs.length < 2) continue
        const task = await tasks.get(id)
        if (task?.lastError?.message.startsWith('lease expired')) reclaimed.push(id)
      }
      expect(reclaimed.length).toBeGreaterThan(0)
    })
  })
})
