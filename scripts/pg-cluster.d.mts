/** A throwaway PostgreSQL cluster (see pg-cluster.mjs). */
export interface Cluster {
  /** `postgres://postgres:<password>@127.0.0.1:<port>/postgres` */
  url: string
  port: number
  dir: string
  password: string
  /** Starts the server again on the same data and port. */
  start(): void
  /** `fast` ends sessions cleanly; `immediate` is a crash. */
  stop(mode?: 'fast' | 'immediate'): void
  /** Stops the server and removes its folder. */
  destroy(): void
}

export function startCluster(options?: { log?: (line: string) => void }): Promise<Cluster>
