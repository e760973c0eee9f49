import type { TestProject } from 'vitest/node'
import { startCluster } from '../../scripts/pg-cluster.mjs'

declare module 'vitest' {
  export interface ProvidedContext {
    /** A PostgreSQL server for the engine's tests: KV_TEST_POSTGRES_URL, or a throwaway cluster. */
    postgresUrl: string
  }
}

/**
 * Vitest global setup of the `postgres` project: uses KV_TEST_POSTGRES_URL when set, otherwise
 * starts a throwaway cluster (installing PostgreSQL with apt-get when root and missing) and stops
 * it after the run. Where PostgreSQL can be neither found nor installed, the run fails and says
 * how to fix it: the engine's tests never skip.
 */
export default async function setup(project: TestProject): Promise<(() => void) | undefined> {
  const given = process.env.KV_TEST_POSTGRES_URL
  if (given) {
    project.provide('postgresUrl', given)
    return undefined
  }
  const cluster = await startCluster()
  project.provide('postgresUrl', cluster.url)
  return () => cluster.destroy()
}
