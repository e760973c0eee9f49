import type { Store } from '@kvgraph/core'
import type { Graph, NodeRef } from '@kvgraph/graph'
import { type CallOutcome, type Settled, settle, sleep } from './bounded.js'

/** One write of the load and how it ended. `at` is when it settled (epoch ms). */
export interface LoadOp {
  kind: 'put' | 'edge' | 'mutate'
  /** put: the key; edge: the target node's id; mutate: the first of its two keys. */
  id: string
  outcome: CallOutcome
  /** A put's version as acknowledged. */
  version?: number
  code?: string
  at: number
}

export interface LoadOptions {
  store: Store
  graph: Graph
  /** Keys and node ids of this load start with it, so cycles on one store keep apart. */
  prefix: string
  /** Concurrent writers (default 4). */
  writers?: number
  /** A call still unsettled after this is reported hung (default 45 s). */
  hungMs?: number
}

/** The hub every edge of the load leaves from: one node's adjacency holds them all. */
export const hubOf = (prefix: string): NodeRef => ({ type: 'Hub', id: prefix })
export const itemOf = (id: string): NodeRef => ({ type: 'Item', id })
/** The two keys a load's `mutate` writes together (a check that the first is absent, then both). */
export const mutateKeys = (id: string): [string, string] => [id, id.replace('/m/', '/mp/')]

/**
 * Writers that loop until stopped, turn by turn: a put of a fresh key, an addEdge from the
 * hub to a fresh node, and a mutate that checks a key is absent and writes it with a second key.
 * Every call is logged with how it ended; a failed one is not retried (the log is what a careful
 * application would have to reconcile).
 */
export class FailoverLoad {
  readonly ops: LoadOp[] = []
  readonly #options: Required<LoadOptions>
  #stopped = false
  readonly #running: Promise<void>[]

  constructor(options: LoadOptions) {
    this.#options = { writers: 4, hungMs: 45_000, ...options }
    this.#running = Array.from({ length: this.#options.writers }, (_, w) => this.#writer(w))
  }

  /** Acknowledged writes so far, optionally only those settled after `since`. */
  acked(since = 0): number {
    return this.ops.filter((op) => op.outcome === 'acked' && op.at > since).length
  }

  /** Resolves once `n` more writes have been acknowledged after `since`, or rejects after `limitMs`. */
  async waitForAcks(n: number, since: number, limitMs: number): Promise<number> {
    const until = Date.now() + limitMs
    while (this.acked(since) < n) {
      if (Date.now() > until) {
        throw new Error(`failover load: fewer than ${n} writes acknowledged within ${limitMs} ms`)
      }
      await sleep(10)
    }
    return Math.min(
      ...this.ops.filter((op) => op.outcome === 'acked' && op.at > since).map((op) => op.at),
    )
  }

  async stop(): Promise<LoadOp[]> {
    this.#stopped = true
    await Promise.all(this.#running)
    return this.ops
  }

  async #writer(w: number): Promise<void> {
    const { store, graph, prefix, hungMs } = this.#options
    for (let i = 0; !this.#stopped; i++) {
      const id = `${prefix}/${w}/${i}`
      const turn = i % 3
      let settled: Settled<unknown>
      let op: LoadOp
      if (turn === 0) {
        const key = `${prefix}/p/${w}/${i}`
        settled = await settle(() => store.put(key, { w, i }), hungMs)
        op = { kind: 'put', id: key, outcome: settled.outcome, at: Date.now() }
        const version = (settled.value as { version?: number } | undefined)?.version
        if (version !== undefined) op.version = version
      } else if (turn === 1) {
        settled = await settle(() => graph.addEdge(hubOf(prefix), 'links', itemOf(id)), hungMs)
        op = { kind: 'edge', id, outcome: settled.outcome, at: Date.now() }
      } else {
        const [first, second] = mutateKeys(`${prefix}/m/${w}/${i}`)
        settled = await settle(
          () =>
            store.mutate([
              { op: 'check', key: first, version: 0 },
              { op: 'put', key: first, value: i },
              { op: 'put', key: second, value: i },
            ]),
          hungMs,
        )
        op = { kind: 'mutate', id: first, outcome: settled.outcome, at: Date.now() }
      }
      if (settled.code !== undefined) op.code = settled.code
      this.ops.push(op)
      // A failed call: the next one a little later, as an application would.
      if (settled.outcome !== 'acked') await sleep(20)
    }
  }
}
