import { KvError, type KvValuePage, type Store } from '@kvgraph/core'
import { GraphError, invalidArgument } from './errors.js'
import type { DegreeOptions, EdgePage, EdgesOptions, PageOptions } from './graph-types.js'
import { componentEnd, FAMILY_LENGTH, IN_FAMILY, OUT_FAMILY } from './key-codec.js'
import { OwnedEdgeDecoder } from './records.js'
import type { StoreAccess } from './store-access.js'
import type { Edge, NodeRef, Props } from './types.js'
import {
  checkDirection,
  checkEdgeType,
  checkLimit,
  checkNode,
  checkOptions,
  MAX_PAGE,
} from './validate.js'

// One node's edges: pages, streams and counts (Graph.outgoing, incoming, edges, degree).

const DEFAULT_PAGE = 1000

/** A page's arguments, checked (the Graph runs this inside its method's checks). */
export function checkPage(node: NodeRef, options: PageOptions) {
  const code = checkNode(node, 'node')
  const opts = checkOptions<PageOptions>(options)
  const type = opts.type === undefined ? '' : checkEdgeType(opts.type, 'options.type')
  const limit = checkLimit(opts.limit, 'options.limit', DEFAULT_PAGE, MAX_PAGE)
  const cursor = opts.cursor
  if (cursor !== undefined && (typeof cursor !== 'string' || cursor === '')) {
    throw invalidArgument('options.cursor', 'a cursor from a previous page', cursor)
  }
  return { code, type, limit, cursor }
}

/** One page of a node's edges in a family, in key order. */
export async function edgePage(
  store: Store,
  access: StoreAccess,
  node: NodeRef,
  family: string,
  page: ReturnType<typeof checkPage>,
): Promise<EdgePage> {
  const { code, type, limit, cursor } = page
  let read: KvValuePage
  try {
    // Keys and values only: an edge needs no record version, times or type.
    read = await access.scanValues(
      store,
      { prefix: family + code + type },
      cursor === undefined ? { limit } : { limit, cursor },
    )
  } catch (error) {
    if (error instanceof KvError && error.code === 'KV_INVALID_CURSOR') {
      throw new GraphError(
        'GRAPH_INVALID_ARGUMENT',
        `options.cursor must be a cursor from a previous page of the same listing: ${error.message}`,
        { cause: error },
      )
    }
    throw error
  }
  const decoder = new OwnedEdgeDecoder(node, family.length + code.length, family === OUT_FAMILY)
  const values = read.values
  const edges = read.keys.map((key, i) => decoder.edge(key, values[i] as Props))
  return read.cursor === undefined ? { edges } : { edges, cursor: read.cursor }
}

/** The arguments of `edges` and `degree`, checked. */
export function checkNodeEdges(node: NodeRef, options: EdgesOptions | DegreeOptions) {
  const code = checkNode(node, 'node')
  const opts = checkOptions<EdgesOptions>(options)
  const direction = checkDirection(opts.direction, 'options.direction')
  const type = opts.type === undefined ? '' : checkEdgeType(opts.type, 'options.type')
  return { code, direction, type }
}

/** Every edge of a node: outgoing then incoming for 'both' (a self-loop only once). */
export async function* nodeEdges(
  store: Store,
  node: NodeRef,
  checked: ReturnType<typeof checkNodeEdges>,
): AsyncGenerator<Edge> {
  const { code, direction, type } = checked
  const owner = FAMILY_LENGTH + code.length
  if (direction !== 'in') {
    const decoder = new OwnedEdgeDecoder(node, owner, true)
    for await (const record of store.entries({ prefix: OUT_FAMILY + code + type })) {
      yield decoder.edge(record.key, record.value as Props)
    }
  }
  if (direction !== 'out') {
    const decoder = new OwnedEdgeDecoder(node, owner, false)
    for await (const record of store.entries({ prefix: IN_FAMILY + code + type })) {
      if (direction === 'both' && otherEnd(record.key, owner) === code) continue
      yield decoder.edge(record.key, record.value as Props)
    }
  }
}

/** How many edges a node has: out, in, or both (out + in, so a self-loop counts twice). */
export async function nodeDegree(
  store: Store,
  checked: ReturnType<typeof checkNodeEdges>,
): Promise<number> {
  const { code, direction, type } = checked
  let count = 0
  if (direction !== 'in') count += await store.countPrefix(OUT_FAMILY + code + type)
  if (direction !== 'out') count += await store.countPrefix(IN_FAMILY + code + type)
  return count
}

/** The code of the node at the other end of an edge key (past the owner and the edge type). */
function otherEnd(key: string, ownerLength: number): string {
  return key.slice(componentEnd(key, ownerLength))
}
