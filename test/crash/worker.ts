import { writeSync } from 'node:fs'
import type { Consumer } from '@kvgraph/core'
import { type Handles, node, observe } from './observe.js'
import type { Effect } from './protocol.js'

const RECORDS = 6
const NODES = 6
const LOCK_MS = 600_000

type RecordState = { v: number; val: unknown } | null
type Props = Record<string, unknown>

/** Prints one protocol line; a pipe write is synchronous, so it survives a SIGKILL right after. */
function print(line: object): void {
  writeSync(1, `${JSON.stringify(line)}\n`)
}

let nextId = 0

/**
 * One worker of a load child: the only writer of its keys (`r/<w>/`, `t/<w>/`, `x/<w>/`), graph
 * nodes (`<w>-<i>`), lock and consumer, so it predicts every effect of its operations exactly.
 * It starts from what the store holds (an operation cut off by the last kill may have committed).
 */
export class Worker {
  readonly #h: Handles
  readonly #w: number
  readonly #random: () => number
  readonly #records = new Map<string, RecordState>()
  readonly #tmp = new Map<string, number>()
  readonly #nodes = new Map<string, Props | null>()
  readonly #edges = new Map<string, Props>()
  #lock: string | null = null
  #consumer: Consumer
  #consumed = 0
  #step = 0
  acked = 0

  constructor(h: Handles, w: number, random: () => number) {
    this.#h = h
    this.#w = w
    this.#random = random
    this.#consumer = h.store.consumer(`c${w}`, { leaseMs: 1 })
  }

  async load(): Promise<void> {
    const { store, graph } = this.#h
    for (let i = 0; i < RECORDS; i++) {
      const key = `r/${this.#w}/${i}`
      const seen = await observe(this.#h, { k: key, s: null })
      this.#records.set(key, (seen as { s: RecordState }).s)
    }
    for (const record of (await store.getPrefix(`t/${this.#w}/`, { limit: 1000 })).records)
      this.#tmp.set(record.key, record.version)
    for (let i = 0; i < NODES; i++) {
      const id = `${this.#w}-${i}`
      this.#nodes.set(id, (await graph.getNode(node(id)))?.props ?? null)
      for (const edge of (await graph.outgoing(node(id), { limit: 1000 })).edges)
        this.#edges.set(JSON.stringify([edge.from.id, edge.type, edge.to.id]), edge.props)
    }
    this.#lock = (await store.lockStatus(`lock${this.#w}`))?.owner ?? null
    this.#consumed = (await this.#consumer.status()).position
  }

  /** Runs operations until the process is killed. */
  async run(): Promise<never> {
    for (;;) await this.#one()
  }

  /** Prints the begin line, runs `call`, prints the ack; `check` compares result and prediction. */
  async #op<T>(
    op: string,
    fx: Effect[],
    call: () => Promise<T>,
    check?: (result: T) => string | undefined,
    atomic = true,
  ): Promise<T> {
    const id = ++nextId
    print({ b: id, w: this.#w, op, fx, atomic })
    const result = await call()
    const wrong = check?.(result)
    if (wrong) print({ x: id, why: `${op}: ${wrong}` })
    print({ a: id })
    this.acked++
    return result
  }

  #pick<T>(items: T[]): T {
    return items[Math.floor(this.#random() * items.length)]!
  }

  async #one(): Promise<void> {
    const step = ++this.#step
    const roll = this.#random()
    if (roll < 0.3) return this.#recordWrite(step)
    if (roll < 0.4) return this.#tmpWrite(step)
    if (roll < 0.65) return this.#graphWrite(step)
    if (roll < 0.72) return this.#ttlWrite(step)
    if (roll < 0.8) return this.#consume()
    if (roll < 0.9) return this.#lockWrite()
    return this.#enqueue(step)
  }

  async #recordWrite(step: number): Promise<void> {
    const { store } = this.#h
    const key = `r/${this.#w}/${Math.floor(this.#random() * RECORDS)}`
    const now = this.#records.get(key) ?? null
    const version = now?.v ?? 0
    const next = (val: unknown): RecordState => ({ v: version + 1, val })
    const kind = this.#random()
    const expectVersion = (r: { version: number }) =>
      r.version === version + 1 ? undefined : `version ${r.version}, expected ${version + 1}`
    if (kind < 0.35) {
      const val = { w: this.#w, step }
      await this.#op(
        'put',
        [{ k: key, s: next(val) }],
        // Some records get a type of their own, so the type index has entries to check.
        () => store.put(key, val, step % 3 === 0 ? { version, type: 'special' } : { version }),
        expectVersion,
      )
      this.#records.set(key, next(val))
    } else if (kind < 0.55) {
      const val = { ...((now?.val as object) ?? {}), p: step }
      await this.#op(
        'patch',
        [{ k: key, s: next(val) }],
        () => store.patch(key, { p: step }),
        expectVersion,
      )
      this.#records.set(key, next(val))
    } else if (kind < 0.7 && now) {
      await this.#op('delete', [{ k: key, s: null }], () => store.delete(key, { version }))
      this.#records.set(key, null)
    } else if (kind < 0.85) {
      // A long TTL: the record must be there, at its version, like any other.
      const val = { ttl: step }
      await this.#op(
        'put ttl',
        [{ k: key, s: next(val) }],
        () => store.put(key, val, { ttl: 3_600_000 }),
        expectVersion,
      )
      this.#records.set(key, next(val))
    } else {
      // mutate: a check on another key, then a conditional put; both or neither.
      const other = `r/${this.#w}/${(Number(key.slice(key.lastIndexOf('/') + 1)) + 1) % RECORDS}`
      const otherVersion = this.#records.get(other)?.v ?? 0
      const val = { m: step }
      await this.#op('mutate', [{ k: key, s: next(val) }], () =>
        store.mutate([
          { op: 'check', key: other, version: otherVersion },
          { op: 'put', key, value: val, version },
        ]),
      )
      this.#records.set(key, next(val))
    }
  }

  async #tmpWrite(step: number): Promise<void> {
    const { store } = this.#h
    const prefix = `t/${this.#w}/`
    if (this.#tmp.size >= 4 || (this.#tmp.size > 0 && this.#random() < 0.3)) {
      const fx: Effect[] = [...this.#tmp.keys()].map((k) => ({ k, s: null }))
      // deletePrefix may run in several transactions (defect 8): each key on its own.
      await this.#op('deletePrefix', fx, () => store.deletePrefix(prefix), undefined, false)
      this.#tmp.clear()
      return
    }
    // Keys repeat across cycles (steps count from 1 in each child): predict from what is stored.
    const key = `${prefix}${step}`
    const version = (this.#tmp.get(key) ?? 0) + 1
    await this.#op(
      'put tmp',
      [{ k: key, s: { v: version, val: step } }],
      () => store.put(key, step),
      (r) => (r.version === version ? undefined : `version ${r.version}, expected ${version}`),
    )
    this.#tmp.set(key, version)
  }

  async #ttlWrite(step: number): Promise<void> {
    // A short TTL: it expires during the run, and its `expire` entries must match the data.
    const key = `x/${this.#w}/${step % 5}`
    await this.#op('put short ttl', [], () => this.#h.store.put(key, step, { ttl: 20 }))
  }

  async #graphWrite(step: number): Promise<void> {
    const { graph } = this.#h
    const ids = [...this.#nodes.keys()]
    const roll = this.#random()
    if (roll < 0.45) {
      const from = this.#pick(ids)
      const to = this.#pick(ids)
      const type = this.#pick(['knows', 'likes'])
      const props = { step }
      await this.#op('addEdge', [{ e: [from, type, to], s: props }], () =>
        graph.addEdge(node(from), type, node(to), props),
      )
      this.#edges.set(JSON.stringify([from, type, to]), props)
    } else if (roll < 0.6) {
      const id = this.#pick(ids)
      const props = { step }
      await this.#op('putNode', [{ n: id, s: props }], () => graph.putNode(node(id), props))
      this.#nodes.set(id, props)
    } else if (roll < 0.8) {
      const id = this.#pick(ids)
      const gone = [...this.#edges.keys()].filter((e) => {
        const [from, , to] = JSON.parse(e) as string[]
        return from === id || to === id
      })
      const fx: Effect[] = [
        { n: id, s: null },
        ...gone.map((e) => ({ e: JSON.parse(e) as [string, string, string], s: null })),
      ]
      await this.#op(
        'removeNode',
        fx,
        () => graph.removeNode(node(id)),
        (r) =>
          r.edges === gone.length ? undefined : `removed ${r.edges} edges, expected ${gone.length}`,
      )
      this.#nodes.set(id, null)
      for (const e of gone) this.#edges.delete(e)
    } else {
      const edges = Array.from({ length: 3 }, (_, i) => ({
        from: this.#pick(ids),
        type: 'imported',
        to: this.#pick(ids),
        props: { step, i },
      }))
      // Later duplicates win, as in a batch.
      const fx = new Map<string, Effect>()
      for (const e of edges) {
        const target = JSON.stringify([e.from, e.type, e.to])
        fx.set(target, { e: [e.from, e.type, e.to], s: e.props })
      }
      // One batch here, but import's batches are separate writes: each edge on its own.
      await this.#op(
        'import',
        [...fx.values()],
        () => graph.import(edges.map((e) => ({ ...e, from: node(e.from), to: node(e.to) }))),
        undefined,
        false,
      )
      for (const [target, effect] of fx) this.#edges.set(target, (effect as { s: Props }).s)
    }
  }

  async #consume(): Promise<void> {
    const entries = await this.#consumer.next(50)
    const last = entries.at(-1)?.seq
    if (last === undefined || last <= this.#consumed) return
    await this.#op('consumer.commit', [{ c: `c${this.#w}`, pos: last }], () =>
      this.#consumer.commit(last),
    )
    this.#consumed = last
  }

  async #lockWrite(): Promise<void> {
    const name = `lock${this.#w}`
    const owner = `w${this.#w}`
    if (this.#lock === owner && this.#random() < 0.5) {
      await this.#op(
        'lockRelease',
        [{ l: name, s: null }],
        () => this.#h.store.lockRelease(name, owner),
        (ok) => (ok ? undefined : 'release refused'),
      )
      this.#lock = null
      return
    }
    await this.#op(
      'lockAcquire',
      [{ l: name, s: owner }],
      () => this.#h.store.lockAcquire(name, owner, LOCK_MS),
      (ok) => (ok ? undefined : 'acquire refused'),
    )
    this.#lock = owner
  }

  async #enqueue(step: number): Promise<void> {
    const id = ++nextId
    print({ b: id, w: this.#w, op: 'enqueue', fx: [], atomic: true })
    const task = await this.#h.tasks.enqueue('job', { step })
    print({ a: id, fx: [{ t: task.id }] })
    this.acked++
  }
}
