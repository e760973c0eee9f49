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

/** The folder holding initdb and pg_ctl; installs Debian's postgresql when missing (root only). */
export function ensureBinaries(log: (line: string) => void): string
/** A port nobody listens on right now. */
export function freePort(): Promise<number>
/** Runs a PostgreSQL tool (as `postgres` when root); returns its standard output. */
export function tool(bin: string, name: string, args: string[]): string
/** tool() without blocking the event loop. */
export function toolAsync(bin: string, name: string, args: string[]): Promise<string>
/** A fresh temp folder, owned by `postgres` when root. */
export function makeClusterDir(prefix?: string): string
/** initdb into `data`; returns the password of TCP logins. */
export function initData(bin: string, dir: string, data: string): string
/** pg_ctl -o options for a test server on `port` with its socket in `dir`. */
export function serverSettings(port: number, dir: string): string

/** From the shell: start a cluster, print its URL, keep running until interrupted. */
export function serveFromShell(
  start: () => Promise<{ url: string; destroy(): void }>,
): Promise<void>
