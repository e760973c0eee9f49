/** A throwaway primary + standby on loopback (see pg-replicated.mjs). */
export interface ReplicatedCluster {
  /** Both hosts with `target_session_attrs=read-write`: the driver connects to the primary. */
  url: string
  /** Both hosts without target_session_attrs (libpq's default, `any`). */
  anyUrl: string
  dir: string
  password: string
  /** Whether the standby is synchronous (`synchronous_standby_names = '*'` on the primary). */
  synchronous: boolean
  /** The current primary's single-host URL and port. */
  primary(): { port: number; url: string }
  /** The current standby's single-host URL and port. */
  standby(): { port: number; url: string }
  /** Crashes the primary (`pg_ctl -m immediate stop`). */
  crashPrimary(): void
  /** Stops the standby (a synchronous primary's commits then wait for it). */
  stopStandby(): void
  /** Promotes the standby (`pg_ctl -w promote`); it is the primary from now on. */
  promote(): void
  /**
   * crashPrimary(), `downMs` (default 0) without a primary, then promote(), without blocking the
   * event loop; resolves to the ms the promotion took.
   */
  failover(options?: { downMs?: number }): Promise<number>
  /** Rebuilds the crashed node as the new primary's standby (pg_basebackup -R). */
  rejoin(): Promise<void>
  /** Runs SQL on the current primary through psql; its unaligned rows. */
  sql(text: string): string
  /** Stops both servers and removes their folder. */
  destroy(): void
}

export function startReplicatedCluster(options?: {
  /** Default true: a synchronous standby; false: asynchronous. */
  synchronous?: boolean
  log?: (line: string) => void
}): Promise<ReplicatedCluster>
