import { openStore, type Store } from '@kvgraph/core'

/**
 * Opens the store a crash-test process works on, from a spec string that can cross a process
 * boundary: `level:<dir>` or `postgres:<url>`. A LevelDB directory is held by one process at a
 * time, so LevelDB runs its runner processes one after another; processes share a PostgreSQL
 * table, so they run side by side (see scenario.ts `processes`).
 */
export async function openTarget(spec: string): Promise<Store> {
  if (spec.startsWith('level:')) return openStore(spec.slice('level:'.length))
  if (spec.startsWith('postgres:')) return openStore(spec.slice('postgres:'.length))
  throw new Error(`unknown crash-test target ${JSON.stringify(spec)}`)
}
