import type { KvEngine } from '../engine/engine.js'
import type { KvError } from '../errors.js'
import type { JsonValue } from '../records/json.js'
import type { Notifier } from './notifier.js'
import { readStream, type StreamEntry } from './stream.js'

/** How long a watcher waits to read again after KV_UNAVAILABLE, when it does not poll anyway. */
const UNAVAILABLE_RETRY_MS = 250

/** One event of a watch batch. */
export interface WatchEvent {
  type: 'put' | 'delete' | 'expire'
  key: string
  value: JsonValue
  version: number
  seq: number
}

export interface WatchOptions {
  /** Resume from this seq (inclusive); default: only changes after the watch starts. */
  from?: number
  signal?: AbortSignal
}

export interface WatchContext {
  engine: KvEngine
  space: string
  notifier: Notifier
  isClosed: () => boolean
  lastSeq: () => Promise<number>
  /** On a shared engine: other processes commit without waking us, so look every pollMs. */
  pollMs?: number
}

/**
 * Follows the durable change stream: a slow watcher never loses events (it reads them from the
 * stream, not from a buffer) and can resume from any seq not yet trimmed. `target` '' watches
 * everything, a string ending in '/' a prefix, anything else one key.
 */
export async function* watch(
  ctx: WatchContext,
  target: string,
  options: WatchOptions,
): AsyncGenerator<WatchEvent[]> {
  const match =
    target === ''
      ? undefined
      : target.endsWith('/')
        ? (e: StreamEntry) => e.key.startsWith(target)
        : (e: StreamEntry) => e.key === target
  let from = options.from ?? (await ctx.lastSeq()) + 1
  const signal = options.signal
  while (!ctx.isClosed() && !signal?.aborted) {
    // Subscribe before reading, so a commit between the read and the wait is not missed.
    const woken = ctx.notifier.next()
    let read: Awaited<ReturnType<typeof readStream>>
    try {
      read = await readStream(ctx.engine, ctx.space, { from, limit: 1000 }, match)
    } catch (error) {
      if (ctx.isClosed()) return // the store closed under the read: end cleanly
      // A server that is down or restarting: read again later, so an outage ends no watch (the
      // durable stream still holds what was committed meanwhile). `signal` or close() end it.
      if ((error as KvError).code !== 'KV_UNAVAILABLE') throw error
      await waitFor(orAfter(woken, ctx.pollMs ?? UNAVAILABLE_RETRY_MS), signal)
      continue
    }
    const { entries, scannedThrough } = read
    from = scannedThrough + 1
    if (entries.length > 0) {
      yield entries.map(toEvent)
      continue
    }
    await waitFor(ctx.pollMs === undefined ? woken : orAfter(woken, ctx.pollMs), signal)
  }
}

function toEvent(entry: StreamEntry): WatchEvent {
  const type = entry.action === 'delete' ? 'delete' : entry.action === 'expire' ? 'expire' : 'put'
  return { type, key: entry.key, value: entry.value, version: entry.version, seq: entry.seq }
}

function waitFor(woken: Promise<void>, signal: AbortSignal | undefined): Promise<void> {
  if (!signal) return woken
  if (signal.aborted) return Promise.resolve() // aborted while we were reading
  return new Promise((resolve) => {
    const onAbort = () => resolve()
    signal.addEventListener('abort', onAbort, { once: true })
    woken.then(() => {
      signal.removeEventListener('abort', onAbort)
      resolve()
    })
  })
}

/** `woken`, or `ms` later, whichever comes first (the timer never keeps the process alive). */
function orAfter(woken: Promise<void>, ms: number): Promise<void> {
  return new Promise((resolve) => {
    const timer = setTimeout(resolve, ms)
    timer.unref?.() // Node only: a browser timer is a number
    woken.then(() => {
      clearTimeout(timer)
      resolve()
    })
  })
}
