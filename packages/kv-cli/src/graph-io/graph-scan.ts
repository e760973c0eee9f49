import { compareKeys, type Store } from '@kvgraph/core'
import type { Edge, GraphNode, NodeRef, Props } from '@kvgraph/graph'

/*
 * Streams a graph's node records and edges straight from its store, with bounded memory.
 * @kvgraph/graph has no streaming "every edge" call yet (Graph.view reads the whole graph into
 * memory), so this follows the key layout its key codec documents:
 *
 *   enc(s)      = s with every '\0' replaced by '\0\x01', then the terminator '\0\0'
 *   node code   = enc(type) + enc(id)
 *   node record = 'g/n/' + code(node)                                  value: props
 *   out edge    = 'g/o/' + code(from) + enc(edgeType) + code(to)       value: props
 *   in edge     = 'g/i/' + code(to) + enc(edgeType) + code(from)       value: props
 *
 * Replace with the graph's own streaming API when it has one.
 */
const NODE_FAMILY = 'g/n/'
const OUT_FAMILY = 'g/o/'
const IN_FAMILY = 'g/i/'
const FAMILY_LENGTH = 4

function componentEnd(key: string, start: number): number {
  const at = key.indexOf('\0\0', start)
  if (at < 0) throw new Error(`malformed graph key ${JSON.stringify(key)}`)
  return at + 2
}

function component(key: string, start: number, end: number): string {
  const escaped = key.slice(start, end - 2)
  return escaped.includes('\0') ? escaped.replaceAll('\0\x01', '\0') : escaped
}

/** Decodes the node code starting at `start`; returns the node and where the code ends. */
function nodeAt(key: string, start: number): { node: NodeRef; end: number } {
  const typeEnd = componentEnd(key, start)
  const idEnd = componentEnd(key, typeEnd)
  return {
    node: { type: component(key, start, typeEnd), id: component(key, typeEnd, idEnd) },
    end: idEnd,
  }
}

/** Every node that has a record, with its props, in key order. */
export async function* nodeRecords(store: Store): AsyncGenerator<GraphNode> {
  for await (const record of store.entries({ prefix: NODE_FAMILY })) {
    const { node } = nodeAt(record.key, FAMILY_LENGTH)
    yield { ...node, props: record.value as Props }
  }
}

/** Every edge, in key order (by source node, edge type, target node). */
export async function* edgeRecords(store: Store): AsyncGenerator<Edge> {
  for await (const record of store.entries({ prefix: OUT_FAMILY })) {
    const key = record.key
    const from = nodeAt(key, FAMILY_LENGTH)
    const typeEnd = componentEnd(key, from.end)
    const to = nodeAt(key, typeEnd)
    yield {
      from: from.node,
      type: component(key, from.end, typeEnd),
      to: to.node,
      props: record.value as Props,
    }
  }
}

/**
 * Every node of the graph, each once, in key order: those with a record (with props) and the
 * endpoints of edges without one (props undefined). A merge of three key-ordered scans, so
 * memory stays bounded.
 */
export async function* allNodes(
  store: Store,
): AsyncGenerator<{ node: NodeRef; props: Props | undefined }> {
  const records = codes(store, NODE_FAMILY, true)
  const sources = codes(store, OUT_FAMILY, false)
  const targets = codes(store, IN_FAMILY, false)
  let r = await records.next()
  let s = await sources.next()
  let t = await targets.next()
  while (!r.done || !s.done || !t.done) {
    let least: string | undefined
    for (const next of [r, s, t]) {
      if (!next.done && (least === undefined || compareKeys(next.value.code, least) < 0)) {
        least = next.value.code
      }
    }
    const code = least!
    const props = !r.done && r.value.code === code ? r.value.props : undefined
    yield { node: nodeAt(code, 0).node, props }
    if (!r.done && r.value.code === code) r = await records.next()
    if (!s.done && s.value.code === code) s = await sources.next()
    if (!t.done && t.value.code === code) t = await targets.next()
  }
}

/** The distinct owner node codes of one family, in key order (with props for node records). */
async function* codes(
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
    const code = key.slice(FAMILY_LENGTH, nodeAt(key, FAMILY_LENGTH).end)
    if (code !== previous) yield { code }
    previous = code
  }
}

/** How many node records and edges a store holds (counted without reading values). */
export async function graphCounts(store: Store): Promise<{ nodeRecords: number; edges: number }> {
  return {
    nodeRecords: await store.countPrefix(NODE_FAMILY),
    edges: await store.countPrefix(OUT_FAMILY),
  }
}
