import type { KvServer } from './server.js'

/**
 * Stops the server gracefully on SIGTERM or SIGINT: stop accepting, let requests in flight finish
 * (up to the grace period), close the store, then exit 0 (1 when closing failed).
 */
export function stopOnSignals(
  server: KvServer,
  log: (line: string) => void = (l) => process.stderr.write(`${l}\n`),
): void {
  let stopping = false
  const stop = (signal: NodeJS.Signals) => {
    if (stopping) return
    stopping = true
    log(`${signal}: stopping`)
    server.close().then(
      () => process.exit(0),
      (error: unknown) => {
        log(`stopping failed: ${(error as Error)?.message ?? error}`)
        process.exit(1)
      },
    )
  }
  process.once('SIGTERM', stop)
  process.once('SIGINT', stop)
}
