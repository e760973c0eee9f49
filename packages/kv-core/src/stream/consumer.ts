import { checkSize, MAX_LIMIT } from '../arguments.js'
import type { EngineTxn, KvEngine } from '../engine/engine.js'
import { describe, invalidArgument, KvError } from '../errors.js'
import { metaKey } from '../records/keyspace.js'
import { randomOwnerId } from './owner-id.js'
import { readStream, type StreamEntry } from './stream.js'

export interface ConsumerOptions {
  type?: string
  prefix?: string
  /** How long a consumer holds its name after its last call (default 30 s). */
  leaseMs?: number
}

export interface ConsumerStatus {
  name: string
  /** The last committed seq (0 before the first commit). */
  position: number
  type?: string
  prefix?: string
  /** The live lease, if any consumer holds this name. */
  lease?: { owner: string; expiresAt: string }
}

interface StoredConsumer {
  position: number
  type?: string
  prefix?: string
  owner?: string
  leaseExpires?: number
}

export interface ConsumerContext {
  engine: KvEngine
  space: string
  now: () => number
  /** Runs a transaction; rejects with KV_CLOSED once the store is closed. */
  transact: <T>(work: (txn: EngineTxn) => Promise<T>) => Promise<T>
  /** Runs a transaction even while the store closes (to hand the lease back). */
  finalTransact: <T>(work: (txn: EngineTxn) => Promise<T>) => Promise<T>
  /** The stream's last seq, read inside a transaction. */
  head: (txn: EngineTxn) => Promise<number>
  /** The consumers of the store that hold a lease, by meta key: close() releases them. */
  leased: Map<string, Consumer>
}

/**
 * A durable stream consumer. Its position survives restarts (a meta record); `next` redelivers
 * entries after the committed position until they are committed (at-least-once). A lease keeps
 * two live consumers from holding the same name; a crashed consumer's lease runs out.
 */
export class Consumer {
  readonly name: string
  /** This handle's lease owner id. */
  readonly owner = randomOwnerId()
  readonly #ctx: ConsumerContext
  readonly #key: string
  readonly #filter: { type?: string; prefix?: string }
  readonly #leaseMs: number
  #closed = false

  constructor(ctx: ConsumerContext, name: string, options: ConsumerOptions) {
    this.#ctx = ctx
    this.name = name
    this.#key = metaKey(ctx.space, `consumer/${name}`)
    this.#filter = {}
    if (options.type !== undefined) this.#filter.type = options.type
    if (options.prefix !== undefined) this.#filter.prefix = options.prefix
    this.#leaseMs = options.leaseMs ?? 30_000
  }

  /**
   * Hands the lease back (the position stays), so a consumer of the same name gets in at once;
   * this handle is closed after. Store.close() does this for every consumer holding a lease.
   */
  async close(): Promise<void> {
    if (this.#closed) return
    this.#closed = true
    if (this.#ctx.leased.get(this.#key) !== this) return
    this.#ctx.leased.delete(this.#key)
    await this.#ctx.finalTransact(async (txn) => {
      const raw = await txn.get(this.#key)
      if (raw === undefined) return
      const { owner, leaseExpires, ...state } = JSON.parse(raw) as StoredConsumer
      if (owner === this.owner) txn.put(this.#key, JSON.stringify(state))
    })
  }

  #assertOpen(method: string): void {
    if (this.#closed)
      throw new KvError('KV_CLOSED', `${method}: consumer ${describe(this.name)} is closed`)
  }

  /** Up to `limit` entries after the committed position; holds (or renews) the lease. */
  async next(limit = 100): Promise<StreamEntry[]> {
    checkSize(limit, 'consumer.next: limit', 100, MAX_LIMIT)
    this.#assertOpen('consumer.next')
    const state = await this.#ctx.transact((txn) => this.#claim(txn, 'consumer.next'))
    // The filter stored when the consumer was created wins, so every handle reads the same entries.
    const filter: { type?: string; prefix?: string } = {}
    if (state.type !== undefined) filter.type = state.type
    if (state.prefix !== undefined) filter.prefix = state.prefix
    const query = { ...filter, from: state.position + 1, limit }
    return (await readStream(this.#ctx.engine, this.#ctx.space, query)).entries
  }

  /** Marks every entry up to `seq` as processed. */
  async commit(seq: number): Promise<void> {
    if (!Number.isSafeInteger(seq) || seq < 0)
      throw invalidArgument('consumer.commit: seq', 'a non-negative integer', seq)
    this.#assertOpen('consumer.commit')
    await this.#ctx.transact(async (txn) => {
      // A position past the head would silently skip the entries written up to it.
      const head = await this.#ctx.head(txn)
      if (seq > head)
        throw invalidArgument(
          'consumer.commit: seq',
          `at most the stream's last seq (${head})`,
          seq,
        )
      const state = await this.#claim(txn, 'consumer.commit')
      if (seq > state.position) txn.put(this.#key, JSON.stringify({ ...state, position: seq }))
    })
  }

  async status(): Promise<ConsumerStatus> {
    const raw = await this.#ctx.engine.get(this.#key)
    const state: StoredConsumer =
      raw === undefined ? { position: 0, ...this.#filter } : JSON.parse(raw)
    const status: ConsumerStatus = { name: this.name, position: state.position }
    if (state.type !== undefined) status.type = state.type
    if (state.prefix !== undefined) status.prefix = state.prefix
    if (state.owner && state.leaseExpires && state.leaseExpires > this.#ctx.now()) {
      status.lease = { owner: state.owner, expiresAt: new Date(state.leaseExpires).toISOString() }
    }
    return status
  }

  /** Forgets the consumer (its position and lease); true if it existed. */
  async delete(): Promise<boolean> {
    if (this.#ctx.leased.get(this.#key) === this) this.#ctx.leased.delete(this.#key)
    return this.#ctx.transact(async (txn) => {
      if ((await txn.get(this.#key)) === undefined) return false
      txn.del(this.#key)
      return true
    })
  }

  async #claim(txn: EngineTxn, method: string): Promise<StoredConsumer> {
    const raw = await txn.get(this.#key)
    const now = this.#ctx.now()
    const state: StoredConsumer =
      raw === undefined ? { position: 0, ...this.#filter } : JSON.parse(raw)
    if (state.owner && state.owner !== this.owner && (state.leaseExpires ?? 0) > now) {
      throw new KvError(
        'KV_LOCKED',
        `${method}: consumer ${describe(this.name)} is held by another live consumer until ${new Date(state.leaseExpires!).toISOString()}`,
      )
    }
    const claimed = { ...state, owner: this.owner, leaseExpires: now + this.#leaseMs }
    txn.put(this.#key, JSON.stringify(claimed))
    this.#ctx.leased.set(this.#key, this)
    return claimed
  }
}
