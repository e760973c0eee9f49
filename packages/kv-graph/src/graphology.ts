import type { Store } from '@kvgraph/core'
import { MultiDirectedGraph } from 'graphology'
import { type RawSubgraph, subgraph } from './algorithms/subgraph.js'
import {
  aborted,
  checking,
  describe,
  GraphError,
  invalidArgument,
  limitExceeded,
  throwIfAborted,
} from './errors.js'
import type { FromGraphologyOptions, ImportResult, ToGraphologyOptions } from './graph-types.js'
import { NODE_FAMILY } from './key-codec.js'
import { Pacer } from './reading/pacer.js'
import { type OpenScope, withScope } from './reading/scope.js'
import { resolveSubgraph } from './records.js'
import type { Edge, GraphNode, Props } from './types.js'
import {
  checkEdgeLength,
  checkEdgeType,
  checkExport,
  checkLimit,
  checkNode,
  checkOptions,
  checkProps,
  MAX_BATCH_SIZE,
} from './validate.js'
import { readWholeGraph } from './whole-graph.js'
import { BatchWriter, DEFAULT_IMPORT_BATCH, putEdge } from './writes.js'

/** The graphology node key of a node: JSON.stringify([type, id]). */
export function graphologyNodeKey(node: { type: string; id: string }): string {
  return JSON.stringify([node.type, node.id])
}

/** The graphology edge key of an edge: JSON.stringify([fromType, fromId, type, toType, toId]). */
export function graphologyEdgeKey(edge: {
  from: { type: string; id: string }
  type: string
  to: { type: string; id: string }
}): string {
  return JSON.stringify([edge.from.type, edge.from.id, edge.type, edge.to.type, edge.to.id])
}

/** The part of the graphology API `fromGraphology` uses (any graphology graph has it). */
export interface GraphologyLike {
  forEachNode(callback: (node: string, attributes: Record<string, unknown>) => void): void
  forEachEdge(
    callback: (
      edge: string,
      attributes: Record<string, unknown>,
      source: string,
      target: string,
    ) => void,
  ): void
}

export async function toGraphology(
  store: Store,
  open: OpenScope,
  options: ToGraphologyOptions,
): Promise<MultiDirectedGraph> {
  const checked = checking('toGraphology', () => checkExport(options))
  const { direction, typeFilter, maxDepth, maxNodes, maxEdges, signal } = checked
  const what = 'toGraphology'
  let nodes: GraphNode[]
  let edges: Edge[]
  if (checked.start === undefined) {
    const whole = await readWholeGraph(store, {
      edgeTypes: typeFilter && new Set(typeFilter),
      nodeTypes: undefined,
      maxEdges,
      signal,
    })
    if (whole.stopped === 'aborted') throw aborted(what, signal!)
    if (whole.stopped === 'maxEdges') throw limitExceeded('maxEdges', maxEdges, what)
    if (whole.nodes.length > maxNodes) throw limitExceeded('maxNodes', maxNodes, what)
    nodes = whole.nodes
    edges = whole.edges
  } else {
    const start = checked.start
    const resolved = await withScope(open, signal, async (scope) => {
      const sub: RawSubgraph = await subgraph({
        space: scope,
        adjacency: scope.follow(direction, typeFilter),
        edges: scope.follow('out', typeFilter, true),
        start: scope.nodes.id(start),
        depth: maxDepth,
        maxNodes,
        maxEdges,
      })
      if (sub.stopped === 'aborted') throw aborted(what, signal!)
      if (sub.stopped === 'maxNodes') throw limitExceeded('maxNodes', maxNodes, what)
      if (sub.stopped === 'maxEdges') throw limitExceeded('maxEdges', maxEdges, what)
      return resolveSubgraph(store, scope, sub)
    })
    nodes = resolved.nodes
    edges = resolved.edges
  }
  const graph = new MultiDirectedGraph()
  // A million edges take seconds to add: let the event loop in every few ms, and stop on abort.
  const pacer = new Pacer()
  for (const node of nodes) {
    const pause = pacer.tick(1)
    if (pause) await pause.then(() => throwIfAborted(signal, what))
    graph.addNode(graphologyNodeKey(node), { ...node.props, type: node.type, id: node.id })
  }
  for (const edge of edges) {
    const pause = pacer.tick(1)
    if (pause) await pause.then(() => throwIfAborted(signal, what))
    graph.addEdgeWithKey(
      graphologyEdgeKey(edge),
      graphologyNodeKey(edge.from),
      graphologyNodeKey(edge.to),
      { ...edge.props, type: edge.type },
    )
  }
  return graph
}

export async function fromGraphology(
  store: Store,
  graph: GraphologyLike,
  options: FromGraphologyOptions,
): Promise<ImportResult> {
  if (
    typeof graph !== 'object' ||
    graph === null ||
    typeof graph.forEachNode !== 'function' ||
    typeof graph.forEachEdge !== 'function'
  ) {
    throw invalidArgument('graph', 'a graphology graph', graph)
  }
  const opts = checkOptions<FromGraphologyOptions>(options)
  const nodeType = optionalName(opts.nodeType, 'options.nodeType')
  const edgeType = optionalName(opts.edgeType, 'options.edgeType')
  const batchSize = checkLimit(
    opts.batchSize,
    'options.batchSize',
    DEFAULT_IMPORT_BATCH,
    MAX_BATCH_SIZE,
  )
  const nodes: Array<[string, Record<string, unknown>]> = []
  graph.forEachNode((key, attributes) => {
    nodes.push([key, attributes])
  })
  const edges: Array<[string, Record<string, unknown>, string, string]> = []
  graph.forEachEdge((key, attributes, source, target) => {
    edges.push([key, attributes, source, target])
  })
  // Check everything before writing anything.
  const codes = new Map<string, string>()
  const nodeWrites: Array<[string, Props]> = []
  for (const [key, attributes] of nodes) {
    const where = `graph node ${JSON.stringify(key)}`
    const { type, id, ...rest } = attributes
    const ref = {
      type: typeof type === 'string' ? type : nodeType,
      id: typeof id === 'string' ? id : key,
    }
    if (ref.type === undefined) {
      throw new GraphError(
        'GRAPH_INVALID_ARGUMENT',
        `${where} has no string "type" attribute (received ${describe(type)}); pass options.nodeType`,
      )
    }
    const code = checkNode(ref, where)
    codes.set(key, code)
    nodeWrites.push([code, checkProps(rest, `${where} attributes`)])
  }
  const edgeWrites: Array<[string, string, string, Props]> = []
  for (const [key, attributes, source, target] of edges) {
    const where = `graph edge ${JSON.stringify(key)}`
    const { type, ...rest } = attributes
    const name = typeof type === 'string' ? type : edgeType
    if (name === undefined) {
      throw new GraphError(
        'GRAPH_INVALID_ARGUMENT',
        `${where} has no string "type" attribute (received ${describe(type)}); pass options.edgeType`,
      )
    }
    const typeComponent = checkEdgeType(name, `${where} type`)
    const fromCode = codes.get(source)!
    const toCode = codes.get(target)!
    checkEdgeLength(fromCode, typeComponent, toCode, {
      from: `${where} source`,
      type: `${where} type`,
      to: `${where} target`,
    })
    edgeWrites.push([fromCode, typeComponent, toCode, checkProps(rest, `${where} attributes`)])
  }
  const writer = new BatchWriter(store, batchSize)
  try {
    for (const [code, props] of nodeWrites) {
      await writer.add({ op: 'put', key: NODE_FAMILY + code, value: props })
    }
    for (const [fromCode, typeComponent, toCode, props] of edgeWrites) {
      await writer.add(...putEdge(fromCode, typeComponent, toCode, props))
    }
    await writer.flush()
  } catch (error) {
    await writer.settle()
    throw error
  }
  return { nodes: nodeWrites.length, edges: edgeWrites.length }
}

function optionalName(value: unknown, name: string): string | undefined {
  if (value === undefined) return undefined
  if (typeof value !== 'string' || value === '' || !value.isWellFormed()) {
    throw invalidArgument(name, 'a non-empty well-formed string', value)
  }
  return value
}
