/**
 * Fault injection under the engine: wraps an abstract-level database (the one given to
 * `openStore(db)`) so that chosen batch writes or iterator reads fail with an IO error, or are
 * delayed. The engine's own code runs unchanged above it, as it would over a failing disk.
 */

/**
 * What happens to one call: it fails, it waits first (and then fails, with `fail`), or
 * (undefined) it runs as usual.
 */
export type Fault = 'fail' | { delayMs: number; fail?: boolean } | undefined

/** Decides per call; `n` counts the calls of that kind from 1. */
export interface FaultPlan {
  write?(n: number): Fault
  read?(n: number): Fault
}

export interface FaultCounts {
  writes: number
  reads: number
  failedWrites: number
  failedReads: number
}

export interface FaultInjector {
  readonly counts: FaultCounts
  /** Replaces the plan (e.g. `{}` once a transient fault is over). */
  plan: FaultPlan
}

/** The parts of an abstract-level database the injector wraps. */
interface Wrappable {
  batch(...args: unknown[]): unknown
  iterator(...args: unknown[]): unknown
  keys(...args: unknown[]): unknown
}

interface Batch {
  write(...args: unknown[]): Promise<void>
  close(): Promise<void>
}

interface Reader {
  nextv(...args: unknown[]): Promise<unknown[]>
}

/** The error a failing disk gives (LevelDB reports `IO error: ...` with this code). */
export function injectedIoError(): Error {
  return Object.assign(new Error('IO error: injected fault (EIO)'), { code: 'LEVEL_IO_ERROR' })
}

const sleep = (ms: number) => new Promise((resolve) => setTimeout(resolve, ms))

async function apply(fault: Fault, onFail: () => void): Promise<void> {
  if (fault === undefined) return
  if (fault !== 'fail') await sleep(fault.delayMs)
  if (fault === 'fail' || fault.fail) {
    onFail()
    throw injectedIoError()
  }
}

/** Wraps `db` in place (its batch, iterator and keys methods) and returns the controls. */
export function injectFaults<T extends object>(db: T, plan: FaultPlan = {}): FaultInjector {
  const target = db as unknown as Wrappable
  const injector: FaultInjector = {
    counts: { writes: 0, reads: 0, failedWrites: 0, failedReads: 0 },
    plan,
  }
  const { counts } = injector
  const batch = target.batch.bind(target)
  target.batch = (...args: unknown[]) => {
    if (args.length > 0) {
      // An array batch: one write.
      const fault = injector.plan.write?.(++counts.writes)
      return apply(fault, () => counts.failedWrites++).then(() => batch(...args))
    }
    const chained = batch() as Batch
    const write = chained.write.bind(chained)
    chained.write = async (...writeArgs: unknown[]) => {
      const fault = injector.plan.write?.(++counts.writes)
      try {
        await apply(fault, () => counts.failedWrites++)
      } catch (error) {
        await chained.close() // as a failed write would: the batch is done with
        throw error
      }
      return write(...writeArgs)
    }
    return chained
  }
  for (const method of ['iterator', 'keys'] as const) {
    const open = target[method].bind(target)
    target[method] = (...args: unknown[]) => {
      const reader = open(...args) as Reader
      const nextv = reader.nextv.bind(reader)
      reader.nextv = async (...readArgs: unknown[]) => {
        const fault = injector.plan.read?.(++counts.reads)
        await apply(fault, () => counts.failedReads++)
        return nextv(...readArgs)
      }
      return reader
    }
  }
  return injector
}
