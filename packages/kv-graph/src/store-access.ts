import type { Store } from '@kvgraph/core'

// The store calls kv-graph makes beyond the public Store API, in one place: kv-core moves them to
// free functions of `@kvgraph/core/internal` (same names, the store first, then the method's
// arguments), and only this module changes then.

type Args<K extends keyof Store> = Store[K] extends (...args: infer A) => unknown ? A : never
type Result<K extends keyof Store> = Store[K] extends (...args: never[]) => infer R ? R : never

/** `scanValues(store, selector, options?)`: one page of keys and values. */
export const scanValues = (store: Store, ...args: Args<'scanValues'>): Result<'scanValues'> =>
  store.scanValues(...args)

/** `keyBatches(store, selector, options?)`: keys in batches. */
export const keyBatches = (store: Store, ...args: Args<'keyBatches'>): Result<'keyBatches'> =>
  store.keyBatches(...args)

/** `rawKeyBatches(store, selector, options?)`: keys as the engine holds them, in batches. */
export const rawKeyBatches = (
  store: Store,
  ...args: Args<'rawKeyBatches'>
): Result<'rawKeyBatches'> => store.rawKeyBatches(...args)

/** `prefixGroups(store, prefixes, options?)`: the records under many prefixes, one iterator. */
export const prefixGroups = (store: Store, ...args: Args<'prefixGroups'>): Result<'prefixGroups'> =>
  store.prefixGroups(...args)

/** `onCommit(store, listener)`: the changes of each committed transaction. */
export const onCommit = (store: Store, ...args: Args<'onCommit'>): Result<'onCommit'> =>
  store.onCommit(...args)

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
