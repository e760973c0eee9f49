import type { Sql } from 'postgres'
import postgres from 'postgres'

/** The server the bench runs on, and how to let it go. */
export interface PgServer {
  url: string
  version: string
  /** Stops a cluster the bench started; a given server is left running. */
  release: () => void
}

interface Cluster {
  url: string
  destroy(): void
}

/**
 * KV_BENCH_POSTGRES_URL (or `url`) when set, otherwise a throwaway cluster from
 * scripts/pg-cluster.mjs (fsync off, loopback). The script lies outside the bench's sources, so
 * it is loaded by URL.
 */
export async function pgServer(
  log: (message: string) => void,
  url = process.env.KV_BENCH_POSTGRES_URL,
): Promise<PgServer> {
  let cluster: Cluster | undefined
  if (!url) {
    const script = new URL('../../../scripts/pg-cluster.mjs', import.meta.url).href
    const { startCluster } = (await import(script)) as {
      startCluster: (options: { log: (line: string) => void }) => Promise<Cluster>
    }
    log('postgres: starting a throwaway cluster (scripts/pg-cluster.mjs)')
    cluster = await startCluster({ log })
    url = cluster.url
  }
  const sql = rawClient(url)
  try {
    const [row] = await sql.unsafe('SHOW server_version')
    return {
      url,
      version: String(row?.server_version ?? '?'),
      release: () => cluster?.destroy(),
    }
  } finally {
    await sql.end()
  }
}

/** The raw side's client: the driver the engine uses, one connection (calls are sequential). */
export function rawClient(url: string): Sql {
  return postgres(url, { max: 1, onnotice: () => {}, fetch_types: false })
}

/** A store table in the server: the URL with `?table=`. */
export function tableUrl(url: string, table: string): string {
  const parsed = new URL(url)
  parsed.searchParams.set('table', table)
  return parsed.toString()
}
