import { KvError } from '@kvgraph/core'

/** What a call did, as its caller learned it. */
export type CallOutcome = 'acked' | 'not-applied' | 'unknown' | 'untyped' | 'other' | 'hung'

/** One call of the load, as it ended. */
export interface Settled<T> {
  outcome: CallOutcome
  value?: T
  /** The KvError code, when it failed with one. */
  code?: string
  error?: unknown
}

/**
 * Runs `call` and classifies how it ended; gives up on it after `limitMs` ('hung'), so a load
 * never waits forever on a call that never settles (the check then reports it).
 */
export async function settle<T>(call: () => Promise<T>, limitMs: number): Promise<Settled<T>> {
  let timer: NodeJS.Timeout | undefined
  const hung = new Promise<Settled<T>>((resolve) => {
    timer = setTimeout(() => resolve({ outcome: 'hung' }), limitMs)
  })
  const ran = call().then(
    (value): Settled<T> => ({ outcome: 'acked', value }),
    (error: unknown): Settled<T> => classify(error),
  )
  try {
    return await Promise.race([ran, hung])
  } finally {
    clearTimeout(timer)
  }
}

function classify<T>(error: unknown): Settled<T> {
  if (!(error instanceof KvError)) return { outcome: 'untyped', error }
  if (error.code === 'KV_UNAVAILABLE') {
    // A KV_UNAVAILABLE without an outcome would leave the caller guessing: report it as untyped.
    return { outcome: error.outcome ?? 'untyped', code: error.code, error }
  }
  return { outcome: 'other', code: error.code, error }
}

export const sleep = (ms: number): Promise<void> =>
  new Promise((resolve) => setTimeout(resolve, ms))
