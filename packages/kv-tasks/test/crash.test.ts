import { mkdtemp, rm } from 'node:fs/promises'
import { tmpdir } from 'node:os'
import { join } from 'node:path'
import { openStore, type Store } from '@kvgraph/core'
import { Tasks } from '@kvgraph/tasks'
import { afterEach, beforeAll, beforeEach, describe, expect, it } from 'vitest'
import { expectEveryTaskCompletedOnce } from './crash/checks.js'
import { ensureCoreBuilt, startRunnerProcess } from './crash/harness.js'
import { runCrashScenario } from './crash/scenario.js'
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
    const outcome = await runCrashScenario({
      target: `level:${db}`,
      open: () => openStore(db),
      dir,
      total: TOTAL,
      processes: 1, // LevelDB: one process holds the directory; they take turns
      runnersPerProcess: 3,
      kills: 5,
      seed: 21,
    })
    expect(outcome.kills).toBeGreaterThanOrEqual(3) // a round may finish the queue before its kill
    expectEveryTaskCompletedOnce(outcome, TOTAL)
  })
})
