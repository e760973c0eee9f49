import { mkdtemp, rm } from 'node:fs/promises'
import { tmpdir } from 'node:os'
import { join } from 'node:path'
import { openStore } from '@kvgraph/core'
import { afterAll, beforeAll, describe, expect, inject, it } from 'vitest'
import { expectEveryTaskCompletedOnce } from './crash/checks.js'
import { ensureCoreBuilt } from './crash/harness.js'
import { runCrashScenario } from './crash/scenario.js'

// Four runner processes share one PostgreSQL table at once; one of them is SIGKILLed mid-task in
// each of several rounds. Its tasks are reclaimed by the survivors when their leases run out.
describe('crash reclaim (PostgreSQL, 4 processes side by side)', () => {
  let dir: string
  beforeAll(async () => {
    ensureCoreBuilt()
    dir = await mkdtemp(join(tmpdir(), 'kv-tasks-crash-pg-'))
  })
  afterAll(() => rm(dir, { recursive: true, force: true }))

  it('10,000 tasks, 4 processes x 3 runners, random SIGKILLs: each completed exactly once', async () => {
    const TOTAL = 10_000
    const url = new URL(inject('postgresUrl'))
    url.searchParams.set('table', `tasks_crash_${process.pid}_${Date.now().toString(36)}`)
    const outcome = await runCrashScenario({
      target: `postgres:${url}`,
      open: () => openStore(url.toString()),
      dir,
      total: TOTAL,
      processes: 4,
      runnersPerProcess: 3,
      kills: 4,
      seed: 2110,
    })
    expect(outcome.kills).toBeGreaterThanOrEqual(2) // a round may finish the queue before its kill
    expectEveryTaskCompletedOnce(outcome, TOTAL)
  }, 300_000)
})
