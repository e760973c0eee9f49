import { openStore, type Store } from '@kvgraph/core'

/**
 * Opens the store a crash-test process works on, from a spec string that can cross a process
 * boundary: `level:<dir>`. A LevelDB directory is held by one process at a time, so LevelDB runs
 * its runner processes one after another; an engine several processes can share (PostgreSQL)
 * adds its spec here and runs them side by side (see harness.ts `parallel`).
 */
export async function openTarget(spec: string): Promise<Store> {
  if (spec.startsWith('level:')) return openStore(spec.slice('level:'.length))
  throw new Error(`unknown crash-test target ${JSON.stringify(spec)}`)
}
