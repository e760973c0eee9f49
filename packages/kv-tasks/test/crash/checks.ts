import { expect } from 'vitest'
import type { CrashOutcome } from './scenario.js'

/**
 * What a crash scenario must leave, whatever the engine: every task completed, by a runner that
 * really ran it, with exactly one completing write each; and at least one task reclaimed from a
 * SIGKILLed runner's lease (so the kills landed mid-task, and the test tested something).
 */
export function expectEveryTaskCompletedOnce(outcome: CrashOutcome, total: number): void {
  const { tasks, executions, completions } = outcome
  expect(tasks).toHaveLength(total)
  expect(tasks.filter((t) => t.status !== 'completed')).toEqual([])
  expect(new Set(tasks.map((t) => (t.payload as { n: number }).n)).size).toBe(total)
  for (const task of tasks) {
    // The recorded result is that of a run of this very task, by the runner it names.
    const by = (task.result as { by: string }).by
    expect(by).toBe(task.runnerId)
    expect(executions.get(task.id)).toContain(by)
  }
  expect(completions.size).toBe(total)
  expect([...completions.values()].every((n) => n === 1)).toBe(true)
  expect(executions.size).toBe(total)
  // At-least-once delivery: a task whose runner died mid-run ran again after its lease expired.
  const reclaimed = tasks.filter(
    (t) => t.lastError?.message.startsWith('lease expired') && executions.get(t.id)!.length > 1,
  )
  expect(reclaimed.length).toBeGreaterThan(0)
}
