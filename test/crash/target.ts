import { type OpenStoreOptions, openStore, type Store } from '@kvgraph/core'

/**
 * Where a crash cycle's store lives, as a string that crosses a process boundary:
 * `level:<dir>` or `postgres:<url with ?table=...>`.
 */
export function openTarget(spec: string, options: OpenStoreOptions = {}): Promise<Store> {
  if (spec.startsWith('level:')) return openStore(spec.slice('level:'.length), options)
  if (spec.startsWith('postgres:')) return openStore(spec.slice('postgres:'.length), options)
  throw new Error(`unknown crash target ${JSON.stringify(spec)}`)
}
