import { compareKeys, type Store } from '@kvgraph/core'
import type { StopReason } from './errors.js'
import { componentEnd, FAMILY_LENGTH, NODE_FAMILY, OUT_FAMILY } from './key-codec.js'
import { Pacer } from './reading/pacer.js'
import { edgeOfRecord, NodeDecoder } from './records.js'
import type { Edge, GraphNode, Props } from './types.js'

export interface WholeGraphFilter {
  /** Encoded edge type components to keep; undefined keeps all. */
  edgeTypes: ReadonlySet<string> | undefined
  /** Node types to keep (with the edges between them); undefined keeps all. */
  nodeTypes: ReadonlySet<string> | undefined
  maxEdges: number
  signal: AbortSignal | undefined
}

export interface WholeGraph {
  /** Every node with a record or an edge, in key order. */
  nodes: GraphNode[]
  /** In key order (by source node, edge type, target node). */
  edges: Edge[]
  stopped?: StopReason
}

/** Reads every node record and every edge (one sequential scan of each family). */
export async function readWholeGraph(store: Store, filter: WholeGraphFilter): Promise<WholeGraph> {
  const decoder = new NodeDecoder()
  const props = new Map<string, Props>()
  const result: WholeGraph = { nodes: [], edges: [] }
  let count = 0
  if (filter.signal?.aborted) return { ...result, stopped: 'aborted' }
  const keepNode = (code: string) =>
    filter.nodeTypes === undefined || filter.nodeTypes.has(decoder.ref(code).type)
  // Entries of memory-level come without I/O: pause every few ms so timers can run.
  const pacer = new Pacer()
  const paused = async () => {
    await pacer.tick(1024)
    return filter.signal?.aborted === true
  }
  for await (const record of store.entries({ prefix: NODE_FAMILY })) {
    if ((++count & 1023) === 0 && (await paused())) return { ...result, stopped: 'aborted' }
    const code = record.key.slice(FAMILY_LENGTH)
    if (keepNode(code)) props.set(code, record.value as Props)
  }
  for await (const record of store.entries({ prefix: OUT_FAMILY })) {
    if ((++count & 1023) === 0 && (await paused())) {
      result.stopped = 'aborted'
      break
    }
    const key = record.key
    const ownerLength = componentEnd(key, componentEnd(key, FAMILY_LENGTH))
    const typeEnd = componentEnd(key, ownerLength)
    if (filter.edgeTypes && !filter.edgeTypes.has(key.slice(ownerLength, typeEnd))) continue
    const fromCode = key.slice(FAMILY_LENGTH, ownerLength)
    const toCode = key.slice(typeEnd)
    if (!keepNode(fromCode) || !keepNode(toCode)) continue
    if (result.edges.length >= filter.maxEdges) {
      result.stopped = 'maxEdges'
      break
    }
    result.edges.push(edgeOfRecord(record, decoder, ownerLength))
    if (!props.has(fromCode)) props.set(fromCode, {})
    if (!props.has(toCode)) props.set(toCode, {})
  }
  const codes = [...props.keys()].sort(compareKeys)
  result.nodes = codes.map((code) => ({ ...decoder.ref(code), props: props.get(code)! }))
  return result
}
