import type { Store } from '@kvgraph/core'
import type { ServerOptions } from '@kvgraph/server'
import { afterEach, beforeEach } from 'vitest'
import { type Harness, startServer } from './harness.js'
import type { SuiteTarget } from './index.js'

/** A fresh store and server for each test of the calling describe block. */
export function useServer(
  target: SuiteTarget,
  options: Partial<ServerOptions> = {},
): { h: Harness; store: Store } {
  const state = {} as { h: Harness; store: Store }
  beforeEach(async () => {
    state.store = await target.open()
    state.h = await startServer(state.store, options)
  })
  afterEach(async () => {
    await state.h.close()
    await state.store.close()
  })
  return state
}
