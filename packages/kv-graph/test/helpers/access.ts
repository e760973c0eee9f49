import { type Mock, vi } from 'vitest'
import { STORE_ACCESS, type StoreAccess } from '../../src/store-access.js'

export type WatchedAccess = { [K in keyof StoreAccess]: Mock<StoreAccess[K]> }

/**
 * Store access (the calls kv-graph makes beyond the public Store API) as spies that call
 * through: hand it to a Graph (or a load) to count its calls or replace one
 * (`mockImplementationOnce`).
 */
export function watchedAccess(): WatchedAccess {
  return {
    scanValues: vi.fn(STORE_ACCESS.scanValues),
    keyBatches: vi.fn(STORE_ACCESS.keyBatches),
    rawKeyBatches: vi.fn(STORE_ACCESS.rawKeyBatches),
    prefixGroups: vi.fn(STORE_ACCESS.prefixGroups),
    onCommit: vi.fn(STORE_ACCESS.onCommit),
  }
}
