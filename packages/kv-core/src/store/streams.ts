import { checkOptions } from '../arguments.js'
import type { EngineTxn } from '../engine/engine.js'
import { invalidArgument } from '../errors.js'
import { sweepAll } from '../expiry/ttl-sweeper.js'
import { assertDuration, assertName } from '../locks/locks.js'
import { assertPrefix } from '../records/keys.js'
import type { CommitListener } from '../stream/commit-listeners.js'
import { Consumer, type ConsumerOptions } from '../stream/consumer.js'
import {
  checkQuery,
  readStream,
  type StreamEntry,
  type StreamQuery,
  trimStream,
} from '../stream/stream.js'
import { watch as follow, type WatchEvent, type WatchOptions } from '../stream/watch.js'
import { assertType } from '../writes/mutations.js'
import { assertOpen, run, type Scope, sequencerOf } from './store-core.js'

// The change stream, its consumers and watchers, commit listeners and expiry, per Store method.

export async function streamSeq(scope: Scope): Promise<number> {
  const { core, space } = scope
  assertOpen(core, 'streamSeq')
  const sequencer = sequencerOf(core, 'streamSeq')
  return core.engine.transact((txn) => sequencer.last(space, txn, core.engine))
}

export async function stream(scope: Scope, query: StreamQuery): Promise<StreamEntry[]> {
  assertOpen(scope.core, 'stream')
  sequencerOf(scope.core, 'stream')
  const checked = checkQuery(query, 'stream')
  return (await readStream(scope.core.engine, scope.space, checked)).entries
}

export async function streamTrim(scope: Scope, seq: number): Promise<number> {
  const { core, space } = scope
  assertOpen(core, 'streamTrim')
  const sequencer = sequencerOf(core, 'streamTrim')
  if (!Number.isSafeInteger(seq) || seq < 0)
    throw invalidArgument('streamTrim: seq', 'a non-negative integer', seq)
  return run(core, async (txn) => {
    const last = await sequencer.last(space, txn, core.engine)
    return trimStream(txn, space, Math.min(seq, last))
  })
}

export function consumer(scope: Scope, name: string, given: ConsumerOptions): Consumer {
  const { core, space } = scope
  assertOpen(core, 'consumer')
  const sequencer = sequencerOf(core, 'consumer')
  assertName(name, 'consumer: name')
  const options = { ...checkOptions(given, 'consumer: options') }
  if (options.leaseMs !== undefined)
    options.leaseMs = assertDuration(options.leaseMs, 'consumer: options.leaseMs')
  if (options.type !== undefined) assertType(options.type, 'consumer: options.type')
  if (options.prefix !== undefined) assertPrefix(options.prefix, 'consumer: options.prefix')
  const ctx = {
    engine: core.engine,
    space,
    now: core.now,
    transact: <T>(work: (txn: EngineTxn) => Promise<T>) => {
      assertOpen(core, 'consumer')
      return run(core, work)
    },
    finalTransact: <T>(work: (txn: EngineTxn) => Promise<T>) => run(core, work),
    head: (txn: EngineTxn) => sequencer.last(space, txn, core.engine),
    leased: core.leased,
  }
  return new Consumer(ctx, name, options)
}

export function watch(
  scope: Scope,
  target: string,
  options: WatchOptions,
): AsyncGenerator<WatchEvent[]> {
  const { core } = scope
  assertOpen(core, 'watch')
  sequencerOf(core, 'watch') // throws when the stream is off
  assertPrefix(target, 'watch: target')
  if (options.from !== undefined && (!Number.isSafeInteger(options.from) || options.from < 0)) {
    throw invalidArgument('watch: options.from', 'a non-negative integer', options.from)
  }
  const context = {
    engine: core.engine,
    space: scope.space,
    notifier: core.notifier,
    isClosed: () => core.closed,
    lastSeq: () => streamSeq(scope),
    ...(core.pollMs === undefined ? {} : { pollMs: core.pollMs }),
  }
  return follow(context, target, options)
}

export function onCommit(scope: Scope, listener: CommitListener): () => void {
  assertOpen(scope.core, 'onCommit')
  if (typeof listener !== 'function')
    throw invalidArgument('onCommit: listener', 'a function', listener)
  const { core, space } = scope
  const first = !core.commits.has(space)
  const remove = core.commits.add(space, listener)
  if (first) core.feed?.follow(space)
  return remove
}

export async function sweepExpired(scope: Scope): Promise<number> {
  const { core } = scope
  assertOpen(core, 'sweepExpired')
  return sweepAll(core.sweep, () => core.notifier.notify())
}

/**
 * On a shared engine, delivers to this space's commit listeners every commit (of any process)
 * up to now, before it resolves; elsewhere listeners already heard everything.
 */
export async function syncCommits(scope: Scope): Promise<void> {
  assertOpen(scope.core, 'syncCommits')
  await scope.core.feed?.sync(scope.space)
}
