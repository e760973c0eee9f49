import type { Store } from '@kvgraph/core'

// The store calls kv-graph makes beyond the public Store API, in one place: kv-core moves them to
// free functions of `@kvgraph/core/internal` (same names, the store first), and only this module
// changes then.

export function scanValues(
  store: Store,
  selector: Parameters<Store['scanValues']>[0],
  options?: Parameters<Store['scanValues']>[1],
): ReturnType<Store['scanValues']> {
  return store.scanValues(selector, options)
}

export function keyBatches(
  store: Store,
  selector: Parameters<Store['keyBatches']>[0],
  options?: Parameters<Store['keyBatches']>[1],
): ReturnType<Store['keyBatches']> {
  return store.keyBatches(selector, options)
}

export function rawKeyBatches(
  store: Store,
  selector: Parameters<Store['rawKeyBatches']>[0],
  options?: Parameters<Store['rawKeyBatches']>[1],
): ReturnType<Store['rawKeyBatches']> {
  return store.rawKeyBatches(selector, options)
}

export function prefixGroups(
  store: Store,
  prefixes: Parameters<Store['prefixGroups']>[0],
  options?: Parameters<Store['prefixGroups']>[1],
): ReturnType<Store['prefixGroups']> {
  return store.prefixGroups(prefixes, options)
}

export function onCommit(
  store: Store,
  listener: Parameters<Store['onCommit']>[0],
): ReturnType<Store['onCommit']> {
  return store.onCommit(listener)
}

/** Whether `value` is a Store from openStore() (or a namespace view of one). */
export function isStore(value: unknown): value is Store {
  return (
    typeof value === 'object' &&
    value !== null &&
    typeof (value as Store).prefixGroups === 'function'
  )
}

/**
 * The calls above as one object: what the reading strategies use, so a test can hand a Graph a
 * counting or gated copy (internal; see GraphInternals).
 */
export const STORE_ACCESS = { scanValues, keyBatches, rawKeyBatches, prefixGroups, onCommit }
export type StoreAccess = typeof STORE_ACCESS
