import { type KvEngine, yieldsAny } from '../engine/engine.js'
import type { Change } from '../records/changes.js'
import { prefixUpperBound } from '../records/keys.js'
import { fixedWidth, splitRecordKey, TAG_EXPIRY } from '../records/keyspace.js'
import { decodeHeader } from '../records/record.js'
import type { StreamSequencer } from '../stream/sequencer.js'
import { type ApplyContext, removeRecord } from '../writes/apply.js'
import type { Limits } from '../writes/mutations.js'

export interface SweepContext {
  engine: KvEngine
  limits: Limits
  now: () => number
  sequencer?: StreamSequencer
  /** Tells listeners and watchers of a space's committed expiries (stream entries from `firstSeq`). */
  committed: (space: string, changes: Change[], firstSeq?: number) => Promise<void> | undefined
}

const PREFIX_LENGTH = TAG_EXPIRY.length + 16
/** Just past every expiry index key. */
const EXPIRY_END = prefixUpperBound(TAG_EXPIRY)!

/**
 * Whether any record may expire: the expiry index has an entry (one an overwrite left behind
 * counts too, until the sweeper drops it).
 */
export function mayExpire(engine: KvEngine): Promise<boolean> {
  return yieldsAny(engine.keys({ gte: TAG_EXPIRY, lt: EXPIRY_END }))
}

/**
 * Deletes up to `limit` records whose expiry has passed, in expiry order, appending an `expire`
 * stream entry for each. The expiry index is ordered by fixed-width expiry time, so finding due
 * records is one short range read; entries left behind by an overwrite are dropped on the way.
 */
export async function sweepExpired(
  ctx: SweepContext,
  limit = 1000,
): Promise<{ expired: number; scanned: number }> {
  const now = ctx.now()
  const iterator = ctx.engine.keys({ gte: TAG_EXPIRY, lt: TAG_EXPIRY + fixedWidth(now + 1) })
  let due: string[]
  try {
    due = await iterator.nextv(limit)
  } finally {
    await iterator.close()
  }
  if (due.length === 0) return { expired: 0, scanned: 0 }
  const bySpace = new Map<string, ApplyContext>()
  const firstSeqs = new Map<string, number>()
  const expired = await ctx.engine.transact(async (txn) => {
    // A shared engine may run this again after a conflict (another process swept the same
    // records): nothing carries over from a try, so each expiry is recorded once.
    bySpace.clear()
    firstSeqs.clear()
    let expired = 0
    for (const indexKey of due) {
      const expiresAt = Number(indexKey.slice(TAG_EXPIRY.length, PREFIX_LENGTH))
      const internal = indexKey.slice(PREFIX_LENGTH)
      const raw = await txn.get(internal)
      const where = splitRecordKey(internal)
      const header = raw === undefined || !where ? undefined : decodeHeader(where.key, raw)
      if (!header || header.expiresAt !== expiresAt || !where) {
        txn.del(indexKey) // the record was deleted or rewritten since
        continue
      }
      let apply = bySpace.get(where.space)
      if (!apply) {
        apply = { txn, space: where.space, limits: ctx.limits, now, changes: [] }
        bySpace.set(where.space, apply)
      }
      removeRecord(apply, where.key, header, 'expire', internal)
      expired++
    }
    if (ctx.sequencer) {
      for (const [space, apply] of bySpace) {
        if (apply.changes!.length > 0)
          firstSeqs.set(
            space,
            await ctx.sequencer.append(space, txn, ctx.engine, apply.changes!, now),
          )
      }
    }
    return expired
  })
  for (const [space, apply] of bySpace) {
    if (apply.changes!.length > 0) await ctx.committed(space, apply.changes!, firstSeqs.get(space))
  }
  return { expired, scanned: due.length }
}

/** Sweeps until nothing is due; `onSwept` hears each batch that expired records. */
export async function sweepAll(
  ctx: SweepContext,
  onSwept: (count: number) => void,
): Promise<number> {
  let total = 0
  for (;;) {
    const { expired, scanned } = await sweepExpired(ctx)
    total += expired
    if (expired > 0) onSwept(expired)
    if (scanned < 1000) return total
  }
}

/** Runs sweepAll on a timer until stopped; the timer never keeps the process alive. */
export class Sweeper {
  readonly #ctx: SweepContext
  readonly #timer: NodeJS.Timeout
  #running: Promise<unknown> | undefined
  readonly #onSwept: (count: number) => void

  constructor(ctx: SweepContext, intervalMs: number, onSwept: (count: number) => void) {
    this.#ctx = ctx
    this.#onSwept = onSwept
    this.#timer = setInterval(() => this.#tick(), intervalMs)
    this.#timer.unref?.() // Node only: a browser timer is a number
  }

  #tick(): void {
    if (this.#running) return
    this.#running = sweepAll(this.#ctx, this.#onSwept)
      .catch(() => {}) // a failed sweep is retried on the next tick
      .finally(() => {
        this.#running = undefined
      })
  }

  async stop(): Promise<void> {
    clearInterval(this.#timer)
    await this.#running
  }
}
