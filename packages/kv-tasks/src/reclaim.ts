import { type QueueContext, updateTask } from './context.js'
import { withoutLease } from './outcome.js'

/** Expired leases handled per look; the rest wait for the next one. */
const BATCH = 100

/**
 * Crash reclaim: a running task whose lease ran out (its runner died, or stalled past it) goes
 * back to `pending`, due now, with the attempt it used counted; on its last attempt it is
 * `failed`. One range scan of the lease index finds them; each move is conditional on the
 * version read, so a runner that renews in the same instant wins or loses cleanly.
 */
export async function reclaimExpired(ctx: QueueContext): Promise<number> {
  const now = ctx.now()
  const page = await ctx.store.scan(
    { start: ctx.keys.lease, end: ctx.keys.leaseBound(now) },
    { limit: BATCH },
  )
  let reclaimed = 0
  for (const record of page.records) {
    const id = ctx.keys.idOf(record.key)
    const moved = await updateTask(ctx, id, ({ task }) => {
      const at = ctx.now()
      if (task.status !== 'running' || (task.leaseExpiresAt ?? 0) > at) return undefined
      const message = `lease expired: runner ${JSON.stringify(task.runnerId)} stopped renewing it`
      const lastError = { message, at }
      if (task.attempts >= task.maxAttempts)
        return { ...withoutLease(task), status: 'failed', finishedAt: at, lastError }
      return { ...withoutLease(task), status: 'pending', runAt: at, lastError }
    })
    if (moved) reclaimed++
  }
  return reclaimed
}
