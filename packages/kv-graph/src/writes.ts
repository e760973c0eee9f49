import type { KvMutation, Store } from '@kvgraph/core'
import type { EdgeInput } from './graph-types.js'
import { IN_FAMILY, inKey, NODE_FAMILY, OUT_FAMILY, outKey, splitEdgeKey } from './key-codec.js'
import { asPropsError, refusedIndex } from './props-size.js'
import { isShared } from './store-access.js'
import type { Props } from './types.js'
import { checkEdgeInput } from './validate.js'

/** The two puts that store an edge: under its source's out prefix and its target's in prefix. */
export function putEdge(
  fromCode: string,
  typeComponent: string,
  toCode: string,
  props: Props,
): [KvMutation, KvMutation] {
  return [
    { op: 'put', key: outKey(fromCode, typeComponent, toCode), value: props },
    { op: 'put', key: inKey(fromCode, typeComponent, toCode), value: props },
  ]
}

export function deleteEdge(
  fromCode: string,
  typeComponent: string,
  toCode: string,
): [KvMutation, KvMutation] {
  return [
    { op: 'delete', key: outKey(fromCode, typeComponent, toCode) },
    { op: 'delete', key: inKey(fromCode, typeComponent, toCode) },
  ]
}

/**
 * The deletes that remove a node: its record, and every edge it has (both keys of each), as
 * read now. Deleting the keys read (rather than whole prefixes) keeps the out/in pairs intact if
 * an edge is added meanwhile. `outDeletes` lists the indexes (in `mutations`) of the out keys'
 * deletes: their results count the edges removed.
 */
export async function removeNodeMutations(
  store: Store,
  code: string,
): Promise<{ mutations: KvMutation[]; outDeletes: number[] }> {
  const keys = new Set<string>()
  for await (const key of store.keys({ prefix: OUT_FAMILY + code })) {
    const parts = splitEdgeKey(key)!
    keys.add(key)
    keys.add(inKey(code, parts.typeComponent, parts.other))
  }
  for await (const key of store.keys({ prefix: IN_FAMILY + code })) {
    const parts = splitEdgeKey(key)!
    keys.add(key)
    keys.add(outKey(parts.other, parts.typeComponent, code))
  }
  const mutations: KvMutation[] = [{ op: 'delete', key: NODE_FAMILY + code }]
  const outDeletes: number[] = []
  for (const key of keys) {
    if (key.startsWith(OUT_FAMILY)) outDeletes.push(mutations.length)
    mutations.push({ op: 'delete', key })
  }
  return { mutations, outDeletes }
}

/**
 * Edges per atomic batch when the caller does not say. A batch's records live in the heap until
 * it is durable; past a few thousand keys they outlive V8's young generation, and copying and
 * promoting them made a million-edge import with batches of 5,000 edges spend 2 s (stream off)
 * to 4.5 s (stream on) in garbage collection instead of 0.6-1.0 s with batches of 1,000 (and
 * smaller batches pay more per transaction than they save).
 */
export const DEFAULT_IMPORT_BATCH = 1000

/**
 * Writes mutations in atomic batches of about `itemsPerBatch` items. On an engine this process
 * owns, up to two batches are in flight while the next one is built: the store applies them in
 * order, so one batch's transaction runs while the previous one is being written to disk. A
 * shared engine (PostgreSQL) commits concurrent transactions in any order, and a later batch
 * must win over an earlier one that writes the same edge: one batch at a time there. After a
 * batch fails, no further batch is sent.
 */
export class BatchWriter {
  readonly #store: Store
  readonly #size: number
  #batch: KvMutation[] = []
  #items = 0
  readonly #inFlight: Array<Promise<unknown>> = []
  /** The first failure, and how many items were sent before the batch that failed. */
  #failure: { error: unknown; firstItem: number } | undefined
  #sentItems = 0

  readonly #maxInFlight: number

  constructor(store: Store, itemsPerBatch: number) {
    this.#store = store
    this.#size = itemsPerBatch
    this.#maxInFlight = isShared(store) ? 1 : 2
  }

  /** Adds one item's mutations; gives a promise only when a full batch is being sent. */
  add(first: KvMutation, second?: KvMutation): Promise<void> | undefined {
    this.#batch.push(first)
    if (second) this.#batch.push(second)
    return ++this.#items >= this.#size ? this.#send() : undefined
  }

  /** Writes what is left and waits for every batch. */
  async flush(): Promise<void> {
    if (this.#batch.length > 0) await this.#send()
    while (this.#inFlight.length > 0) await this.#inFlight.shift()
  }

  /** Waits for the batches in flight, ignoring their failures (after another error). */
  async settle(): Promise<void> {
    await Promise.allSettled(this.#inFlight.splice(0))
  }

  /** For the error of a failed batch: how many items were sent before that batch. */
  itemsBefore(error: unknown): number | undefined {
    const failure = this.#failure
    return failure !== undefined && failure.error === error ? failure.firstItem : undefined
  }

  async #send(): Promise<void> {
    const batch = this.#batch
    const firstItem = this.#sentItems
    this.#sentItems += this.#items
    this.#batch = []
    this.#items = 0
    while (this.#inFlight.length >= this.#maxInFlight) await this.#inFlight.shift()
    // Never send a batch after one that failed.
    if (this.#failure !== undefined) throw this.#failure.error
    const sent = this.#store.mutate(batch)
    // Noted here, so a failure is neither reported as unhandled nor followed by more batches.
    sent.catch((error: unknown) => {
      this.#failure ??= { error, firstItem }
    })
    this.#inFlight.push(sent)
  }
}

/**
 * Stores many edges in atomic batches (see Graph.import); resolves to the number of edges read.
 * Each edge is checked before its batch is sent; after an error no batch is sent.
 */
export async function importEdges(
  store: Store,
  edges: Iterable<EdgeInput> | AsyncIterable<EdgeInput>,
  batchSize: number,
): Promise<number> {
  const writer = new BatchWriter(store, batchSize)
  let count = 0
  // Waits only when a full batch has to wait for room (no promise per edge).
  const add = (edge: EdgeInput) => {
    const { fromCode, typeComponent, toCode, props } = checkEdgeInput(edge, count)
    count++
    const [out, inward] = putEdge(fromCode, typeComponent, toCode, props)
    return writer.add(out, inward)
  }
  try {
    if (Symbol.asyncIterator in edges) {
      for await (const edge of edges) await add(edge)
    } else {
      for (const edge of edges) {
        const sending = add(edge)
        if (sending) await sending
      }
    }
    await writer.flush()
  } catch (error) {
    await writer.settle()
    // Each edge is two mutations: the refused one's index gives the edge.
    const index = refusedIndex(error)
    const before = writer.itemsBefore(error)
    if (index === undefined || before === undefined) throw error
    throw asPropsError(error, `edges[${before + Math.floor(index / 2)}].props`)
  }
  return count
}
