import { compareKeys, type Store } from '@kvgraph/core'
import { componentEnd, FAMILY_LENGTH, IN_FAMILY, NODE_FAMILY, OUT_FAMILY } from './key-codec.js'
import { edgeOfRecord, NodeDecoder } from './records.js'
import type { Edge, GraphNode, Props } from './types.js'

/** Every edge in key order (source node, edge type, target node): one scan of the out family. */
export async function* streamEdges(store: Store): AsyncGenerator<Edge> {
  const decoder = new NodeDecoder()
  for await (const record of store.entries({ prefix: OUT_FAMILY }))
    yield edgeOfRecord(record, decoder)
}

/**
 * Every node once, in key order: nodes with a record (with its props) and the endpoints of edges
 * that have none (`hasRecord: false`, props {}). A merge of three key-ordered scans, so memory
 * stays bounded however large the graph.
 */
export async function* streamNodes(
  store: Store,
): AsyncGenerator<GraphNode & { hasRecord: boolean }> {
  const decoder = new NodeDecoder()
  const records = ownerCodes(store, NODE_FAMILY, true)
  const sources = ownerCodes(store, OUT_FAMILY, false)
  const targets = ownerCodes(store, IN_FAMILY, false)
  let r = await records.next()
  let s = await sources.next()
  let t = await targets.next()
  while (!r.done || !s.done || !t.done) {
    let least: string | undefined
    for (const next of [r, s, t]) {
      if (!next.done && (least === undefined || compareKeys(next.value.code, least) < 0))
        least = next.value.code
    }
    const code = least!
    const hasRecord = !r.done && r.value.code === code
    yield { ...decoder.ref(code), props: hasRecord ? r.value!.props! : {}, hasRecord }
    if (hasRecord) r = await records.next()
    if (!s.done && s.value.code === code) s = await sources.next()
    if (!t.done && t.value.code === code) t = await targets.next()
  }
}

/** The distinct owner node codes of one key family, in key order (with props for node records). */
async function* ownerCodes(
  store: Store,
  family: string,
  withProps: boolean,
): AsyncGenerator<{ code: string; props?: Props }> {
  if (withProps) {
    for await (const record of store.entries({ prefix: family })) {
      yield { code: record.key.slice(FAMILY_LENGTH), props: record.value as Props }
    }
    return
  }
  let previous: string | undefined
  for await (const key of store.keys({ prefix: family })) {
    const code = key.slice(FAMILY_LENGTH, componentEnd(key, componentEnd(key, FAMILY_LENGTH)))
    if (code !== previous) yield { code }
    previous = code
  }
}

/** How many node records and edges the graph holds. */
export async function graphCounts(store: Store): Promise<{ nodeRecords: number; edges: number }> {
  return {
    nodeRecords: await store.countPrefix(NODE_FAMILY),
    edges: await store.countPrefix(OUT_FAMILY),
  }
}
