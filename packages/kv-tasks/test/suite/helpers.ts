import type { Store } from '@kvgraph/core'
import type { ConformanceTarget } from '@kvgraph/core/testing'
import { ManualClock } from '@kvgraph/core/testing'
import { type Task, Tasks, type TasksOptions } from '@kvgraph/tasks'
import { afterEach, beforeEach } from 'vitest'

/** A fresh store (and a manual clock both the store and the queue read) for every test. */
export function useQueue(target: ConformanceTarget) {
  const holder = {} as {
    store: Store
    clock: ManualClock
    tasks: Tasks
    open: (o?: TasksOptions) => Tasks
  }
  const stops: (() => Promise<void>)[] = []
  beforeEach(async () => {
    holder.clock = new ManualClock()
    holder.store = await target.open({ clock: holder.clock.read })
    holder.open = (options = {}) =>
      new Tasks(holder.store, { clock: holder.clock.read, ...options })
    holder.tasks = holder.open()
  })
  afterEach(async () => {
    for (const stop of stops.splice(0)) await stop()
    await (target.dispose ? target.dispose(holder.store) : holder.store.close())
  })
  return Object.assign(holder, {
    /** Stops this runner after the test, even when the test failed. */
    track<R extends { stop(): Promise<void> }>(runner: R): R {
      stops.push(() => runner.stop())
      return runner
    },
  })
}

/** Polls until `check` returns a value (not undefined/false), or fails after `ms`. */
export async function until<T>(
  check: () => Promise<T | undefined | false> | T | undefined | false,
  ms = 10_000,
): Promise<T> {
  const end = Date.now() + ms
  for (;;) {
    const value = await check()
    if (value !== undefined && value !== false) return value
    if (Date.now() > end) throw new Error(`condition not met within ${ms} ms`)
    await new Promise((r) => setTimeout(r, 5))
  }
}

export async function statusOf(tasks: Tasks, id: string): Promise<Task['status'] | undefined> {
  return (await tasks.get(id))?.status
}

/** A promise with its resolve function, for handlers a test releases. */
export function gate<T = void>() {
  let open!: (value: T) => void
  const promise = new Promise<T>((resolve) => {
    open = resolve
  })
  return { promise, open }
}

export const sleep = (ms: number) => new Promise((r) => setTimeout(r, ms))
