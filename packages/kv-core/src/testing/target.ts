import type { OpenStoreOptions } from '../store/open-store.js'
import type { Store } from '../store/store.js'

/** A store implementation under test: how to get a fresh, empty store and how to dispose of it. */
export interface ConformanceTarget {
  name: string
  /** Opens a fresh, empty store; `options` (clock, stream, ...) must be honoured. */
  open(options?: OpenStoreOptions): Promise<Store>
  /** Defaults to `store.close()`. */
  dispose?(store: Store): Promise<void>
}

/** Gives each test a fresh store from the target. */
type Hook = (fn: () => Promise<void>) => void

export function useStore(target: ConformanceTarget, hooks: { beforeEach: Hook; afterEach: Hook }) {
  const holder: { store: Store } = { store: undefined as unknown as Store }
  hooks.beforeEach(async () => {
    holder.store = await target.open()
  })
  hooks.afterEach(async () => {
    await (target.dispose ? target.dispose(holder.store) : holder.store.close())
  })
  return holder
}

/** Awaits a promise expected to reject with a KvError of `code`; returns the error. */
export async function rejectsWithCode(promise: Promise<unknown> | (() => unknown), code: string) {
  let error: unknown
  try {
    await (typeof promise === 'function' ? promise() : promise)
  } catch (e) {
    error = e
  }
  if (!error) throw new Error(`expected a rejection with ${code}, but it resolved`)
  if ((error as { code?: string }).code !== code) {
    throw new Error(
      `expected code ${code}, got ${(error as { code?: string }).code}: ${(error as Error).message}`,
    )
  }
  return error as Error & { code: string; index?: number }
}

/**
 * A mutate that puts `put` but fails its check of `checked` (at a version it does not have):
 * it must reject with KV_VERSION_CONFLICT and leave no trace.
 */
export function failedMutate(store: Store, put: string, checked: string) {
  return rejectsWithCode(
    store.mutate([
      { op: 'put', key: put, value: 1 },
      { op: 'check', key: checked, version: 999 },
    ]),
    'KV_VERSION_CONFLICT',
  )
}
