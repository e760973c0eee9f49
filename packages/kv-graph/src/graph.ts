import { KvError, type KvValuePage, type Store } from '@kvgraph/core'
import { isStore, scanValues } from '@kvgraph/core/internal'
import type { MultiDirectedGraph } from 'graphology'
import { type BfsOutcome, bfs } from './algorithms/bfs.js'
import { dijkstra } from './algorithms/dijkstra.js'
import { dijkstraWithinHops } from './algorithms/dijkstra-hops.js'
import { mutual } from './algorithms/mutual.js'
import { neighborhood } from './algorithms/neighborhood.js'
import type { RawPath } from './algorithms/paths.js'
import { shortestPathHops } from './algorithms/shortest-path-hops.js'
import { weigher } from './algorithms/weights.js'
import { GraphError, invalidArgument, type StopReason } from './errors.js'
import type {
  BfsOptions,
  BfsStep,
  BfsTraversal,
  DegreeOptions,
  EdgeDirection,
  EdgeInput,
  EdgePage,
  EdgesOptions,
  FromGraphologyOptions,
  GraphOptions,
  ImportOptions,
  ImportResult,
  MutualOptions,
  NeighborhoodNode,
  NeighborhoodOptions,
  PageOptions,
  Path,
  RemoveNodeResult,
  ShortestPathOptions,
  ToGraphologyOptions,
  ViewOptions,
} from './graph-types.js'
import { fromGraphology, type GraphologyLike, toGraphology } from './graphology.js'
import { FAMILY_LENGTH, IN_FAMILY, NODE_FAMILY, OUT_FAMILY, outKey } from './key-codec.js'
import { familiesOf, Scope } from './reading/scope.js'
import { keptAdjacency, type SharedAdjacency } from './reading/shared-adjacency.js'
import { OwnedEdgeDecoder } from './records.js'
import { graphCounts, streamEdges, streamNodes } from './streams.js'
import type { Edge, GraphNode, GraphView, NodeRef, Props } from './types.js'
import {
  checkBound,
  checkDirection,
  checkEdgeInput,
  checkEdgeLength,
  checkEdgeType,
  checkEdgeTypes,
  checkLimit,
  checkNode,
  checkOptions,
  checkProps,
  checkSignal,
  checkTraversal,
  checkTypeFilter,
} from './validate.js'
import { view } from './view.js'
import {
  BatchWriter,
  DEFAULT_IMPORT_BATCH,
  deleteEdge,
  putEdge,
  removeNodeMutations,
} from './writes.js'

const DEFAULT_CACHE_ENTRIES = 2_000_000
const DEFAULT_PAGE = 1000

/**
 * A directed multigraph of typed edges between `{ type, id }` nodes, stored in a @kvgraph/core
 * store. Each edge is kept twice, under its source's out prefix and its target's in prefix, in
 * one atomic write; a node may also have a record of props. See GRAPH.md for the key layout.
 *
 * @example
 * const graph = new Graph(await openStore(':memory:'))
 * await graph.addEdge({ type: 'User', id: 'alice' }, 'follows', { type: 'User', id: 'bob' })
 */
export class Graph {
  readonly #store: Store
  readonly #cacheEntries: number
  readonly #keepAdjacency: boolean
  #adjacency: SharedAdjacency | undefined

  constructor(store: Store, options: GraphOptions = {}) {
    const opts = checkOptions<GraphOptions>(options)
    if (!isStore(store)) {
      throw invalidArgument('store', 'a Store from openStore()', store)
    }
    if (opts.namespace !== undefined) {
      if (
        typeof opts.namespace !== 'string' ||
        opts.namespace === '' ||
        !opts.namespace.isWellFormed()
      ) {
        throw invalidArgument('options.namespace', 'a non-empty well-formed string', opts.namespace)
      }
      this.#store = store.namespace(opts.namespace)
    } else this.#store = store
    this.#cacheEntries = checkLimit(
      opts.cacheEntries,
      'options.cacheEntries',
      DEFAULT_CACHE_ENTRIES,
    )
    if (opts.keepAdjacency !== undefined && typeof opts.keepAdjacency !== 'boolean') {
      throw invalidArgument('options.keepAdjacency', 'a boolean', opts.keepAdjacency)
    }
    this.#keepAdjacency = opts.keepAdjacency ?? true
  }

  /** The store (or namespace view) the graph lives in. */
  get store(): Store {
    return this.#store
  }

  // ---- nodes ----

  /** Creates or replaces a node's record. */
  async putNode(node: NodeRef, props: Props = {}): Promise<GraphNode> {
    const code = checkNode(node, 'node')
    checkProps(props, 'props')
    await this.#store.put(NODE_FAMILY + code, props)
    return { type: node.type, id: node.id, props }
  }

  /** A node's record, or undefined when it has none (it may still have edges). */
  async getNode(node: NodeRef): Promise<GraphNode | undefined> {
    const code = checkNode(node, 'node')
    const record = await this.#store.get(NODE_FAMILY + code)
    return record && { type: node.type, id: node.id, props: record.value as Props }
  }

  /** Removes a node's record and every edge to or from it, in one atomic write. */
  async removeNode(node: NodeRef): Promise<RemoveNodeResult> {
    const code = checkNode(node, 'node')
    const { mutations, outDeletes } = await removeNodeMutations(this.#store, code)
    const rows = await this.#store.mutate(mutations)
    return { record: rows[0] === 1, edges: outDeletes.reduce((sum, i) => sum + rows[i]!, 0) }
  }

  // ---- edges ----

  /** Creates an edge, or replaces its props (an edge is identified by from, type and to). */
  async addEdge(from: NodeRef, type: string, to: NodeRef, props: Props = {}): Promise<Edge> {
    const fromCode = checkNode(from, 'from')
    const typeComponent = checkEdgeType(type, 'type')
    const toCode = checkNode(to, 'to')
    checkEdgeLength(fromCode, typeComponent, toCode, { from: 'from', type: 'type', to: 'to' })
    checkProps(props, 'props')
    await this.#store.mutate(putEdge(fromCode, typeComponent, toCode, props))
    return { from: { type: from.type, id: from.id }, type, to: { type: to.type, id: to.id }, props }
  }

  async getEdge(from: NodeRef, type: string, to: NodeRef): Promise<Edge | undefined> {
    const fromCode = checkNode(from, 'from')
    const typeComponent = checkEdgeType(type, 'type')
    const toCode = checkNode(to, 'to')
    checkEdgeLength(fromCode, typeComponent, toCode, { from: 'from', type: 'type', to: 'to' })
    const record = await this.#store.get(outKey(fromCode, typeComponent, toCode))
    return (
      record && {
        from: { type: from.type, id: from.id },
        type,
        to: { type: to.type, id: to.id },
        props: record.value as Props,
      }
    )
  }

  /** Removes an edge (both its keys, atomically); resolves true if it existed. */
  async removeEdge(from: NodeRef, type: string, to: NodeRef): Promise<boolean> {
    const fromCode = checkNode(from, 'from')
    const typeComponent = checkEdgeType(type, 'type')
    const toCode = checkNode(to, 'to')
    checkEdgeLength(fromCode, typeComponent, toCode, { from: 'from', type: 'type', to: 'to' })
    const rows = await this.#store.mutate(deleteEdge(fromCode, typeComponent, toCode))
    return rows[0] === 1 || rows[1] === 1
  }

  /** One page of a node's outgoing edges, in key order (by edge type, then target). */
  outgoing(node: NodeRef, options: PageOptions = {}): Promise<EdgePage> {
    return this.#page(node, OUT_FAMILY, options)
  }

  /** One page of a node's incoming edges, in key order (by edge type, then source). */
  incoming(node: NodeRef, options: PageOptions = {}): Promise<EdgePage> {
    return this.#page(node, IN_FAMILY, options)
  }

  /**
   * Every edge of a node, streamed with bounded memory: outgoing then incoming for 'both' (a
   * self-loop only once).
   */
  edges(node: NodeRef, options: EdgesOptions = {}): AsyncIterable<Edge> {
    const code = checkNode(node, 'node')
    const opts = checkOptions<EdgesOptions>(options)
    const direction = checkDirection(opts.direction, 'options.direction')
    const type = opts.type === undefined ? '' : checkEdgeType(opts.type, 'options.type')
    const store = this.#store
    return {
      async *[Symbol.asyncIterator]() {
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
      },
    }
  }

  /** How many edges a node has: out, in, or both (out + in, so a self-loop counts twice). */
  async degree(node: NodeRef, options: DegreeOptions = {}): Promise<number> {
    const code = checkNode(node, 'node')
    const opts = checkOptions<DegreeOptions>(options)
    const direction = checkDirection(opts.direction, 'options.direction')
    const type = opts.type === undefined ? '' : checkEdgeType(opts.type, 'options.type')
    let count = 0
    if (direction !== 'in') count += await this.#store.countPrefix(OUT_FAMILY + code + type)
    if (direction !== 'out') count += await this.#store.countPrefix(IN_FAMILY + code + type)
    return count
  }

  /**
   * Stores many edges (creating or replacing each), in atomic batches of `batchSize` edges.
   * Resolves to the number of edges read. Each edge is checked before its batch is sent; on an
   * invalid edge (or a batch the store rejects) it throws: the batches before stay written and
   * none is sent after.
   */
  async import(
    edges: Iterable<EdgeInput> | AsyncIterable<EdgeInput>,
    options: ImportOptions = {},
  ): Promise<number> {
    const opts = checkOptions<ImportOptions>(options)
    const batchSize = checkLimit(opts.batchSize, 'options.batchSize', DEFAULT_IMPORT_BATCH)
    if (
      typeof edges !== 'object' ||
      edges === null ||
      (typeof (edges as Iterable<EdgeInput>)[Symbol.iterator] !== 'function' &&
        typeof (edges as AsyncIterable<EdgeInput>)[Symbol.asyncIterator] !== 'function')
    ) {
      throw invalidArgument('edges', 'an iterable or async iterable of edges', edges)
    }
    const writer = new BatchWriter(this.#store, batchSize)
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
      throw error
    }
    return count
  }

  // ---- traversals ----

  /**
   * Breadth-first traversal from `start`: an async iterable of `{ node, depth, edge }`, start
   * first. It ends at its bounds without throwing and then reports in `stopped` which bound ended
   * it ('maxNodes', 'maxDepth' or 'aborted'); undefined means it visited every reachable node.
   */
  bfs(start: NodeRef, options: BfsOptions = {}): BfsTraversal {
    const code = checkNode(start, 'start')
    const opts = checkOptions<BfsOptions>(options)
    const { direction, typeFilter, maxDepth, maxNodes, signal } = checkTraversal(opts, 1)
    const newScope = () => this.#scope(signal)
    let stopped: StopReason | undefined
    return {
      get stopped() {
        return stopped
      },
      async *[Symbol.asyncIterator](): AsyncGenerator<BfsStep> {
        stopped = undefined
        const scope = newScope()
        const reader = scope.reader({ families: familiesOf(direction), typeFilter, props: false })
        const outcome: BfsOutcome = {}
        const params = {
          scope,
          reader,
          start: scope.nodes.id(code),
          maxDepth,
          maxNodes,
          probe: true,
        }
        try {
          for await (const step of bfs(params, outcome)) {
            const node = scope.node(step.id)
            const edge =
              step.via < 0 ? undefined : scope.edge(step.via, step.type, step.id, step.reversed)
            yield { node, depth: step.depth, edge }
          }
        } finally {
          scope.release()
        }
        stopped = outcome.stopped
      },
    }
  }

  /**
   * The shortest path from `from` to `to`, or undefined when there is none. Without `weight`:
   * fewest hops (bidirectional breadth-first search). With `weight` (a property name or a
   * function of the edge): least total weight (Dijkstra); a negative, non-finite or non-numeric
   * weight throws GRAPH_INVALID_WEIGHT. `maxDepth` caps the path's hops and `maxNodes` the nodes
   * the search visits: when one stops the search before it can tell whether a path exists, it
   * throws GRAPH_LIMIT_EXCEEDED (never undefined). The signal aborts with GRAPH_ABORTED.
   */
  async shortestPath(
    from: NodeRef,
    to: NodeRef,
    options: ShortestPathOptions = {},
  ): Promise<Path | undefined> {
    const fromCode = checkNode(from, 'from')
    const toCode = checkNode(to, 'to')
    const opts = checkOptions<ShortestPathOptions>(options)
    const { direction, typeFilter, maxDepth, maxNodes, signal } = checkTraversal(opts, 1)
    const weight = opts.weight
    if (
      weight !== undefined &&
      typeof weight !== 'function' &&
      (typeof weight !== 'string' || weight === '')
    ) {
      throw invalidArgument('options.weight', 'a property name or a function of the edge', weight)
    }
    const scope = this.#scope(signal)
    try {
      const search = { direction, typeFilter, maxDepth, maxNodes, weight }
      const path = await this.#search(scope, fromCode, toCode, search)
      return path && (await this.#resolvePath(scope, path))
    } finally {
      scope.release()
    }
  }

  async #search(
    scope: Scope,
    fromCode: string,
    toCode: string,
    search: {
      direction: EdgeDirection
      typeFilter: string[] | undefined
      maxDepth: number
      maxNodes: number
      weight: ShortestPathOptions['weight']
    },
  ): Promise<RawPath | undefined> {
    const { direction, typeFilter, maxDepth, maxNodes, weight } = search
    const source = scope.nodes.id(fromCode)
    const target = scope.nodes.id(toCode)
    const props = weight !== undefined
    const forward = scope.reader({ families: familiesOf(direction), typeFilter, props })
    let path: RawPath | undefined
    if (weight === undefined) {
      const backward = scope.reader({ families: familiesOf(direction, true), typeFilter, props })
      path = await shortestPathHops({
        scope,
        forward,
        backward,
        source,
        target,
        maxDepth,
        maxNodes,
      })
    } else if (maxDepth !== Number.POSITIVE_INFINITY) {
      const weigh = weigher(scope, weight)
      path = await dijkstraWithinHops({
        scope,
        reader: forward,
        source,
        target,
        weigh,
        maxDepth,
        maxNodes,
      })
    } else {
      const backward = scope.reader({ families: familiesOf(direction, true), typeFilter, props })
      const weigh = weigher(scope, weight)
      path = await dijkstra({ scope, forward, backward, source, target, weigh, maxNodes })
    }
    return path
  }

  /**
   * The nodes within `depth` hops of `node` (itself excluded), each with its distance, in
   * breadth-first order. Throws GRAPH_LIMIT_EXCEEDED rather than return more than `maxNodes`.
   */
  async neighborhood(node: NodeRef, options: NeighborhoodOptions): Promise<NeighborhoodNode[]> {
    const code = checkNode(node, 'node')
    const opts = checkOptions<NeighborhoodOptions>(options)
    if (opts.depth === undefined)
      throw invalidArgument('options.depth', 'a non-negative integer', undefined)
    const depth = checkBound(opts.depth, 'options.depth')
    const direction = checkDirection(opts.direction, 'options.direction')
    const typeFilter = checkEdgeTypes(opts.edgeTypes, 'options.edgeTypes')
    const maxNodes = checkBound(opts.maxNodes, 'options.maxNodes')
    const signal = checkSignal(opts.signal, 'options.signal')
    const scope = this.#scope(signal)
    try {
      const reader = scope.reader({ families: familiesOf(direction), typeFilter, props: false })
      const found = await neighborhood({
        scope,
        reader,
        start: scope.nodes.id(code),
        depth,
        maxNodes,
      })
      return found.map(({ id, depth }) => ({ node: scope.node(id), depth }))
    } finally {
      scope.release()
    }
  }

  /**
   * The nodes both `a` and `b` are connected to (out: both point at them; in: they point at both;
   * both: either way), a and b themselves excluded, in key order.
   */
  async mutual(a: NodeRef, b: NodeRef, options: MutualOptions = {}): Promise<NodeRef[]> {
    const codeA = checkNode(a, 'a')
    const codeB = checkNode(b, 'b')
    const opts = checkOptions<MutualOptions>(options)
    const direction = checkDirection(opts.direction, 'options.direction')
    const typeFilter = checkTypeFilter(opts.type, 'options.type')
    const signal = checkSignal(opts.signal, 'options.signal')
    const scope = this.#scope(signal)
    const reader = scope.reader({ families: familiesOf(direction), typeFilter, props: false })
    const ids = await mutual({ scope, reader, a: scope.nodes.id(codeA), b: scope.nodes.id(codeB) })
    return ids.map((id) => scope.node(id))
  }

  // ---- whole-graph streams ----

  /** Every edge of the graph, in key order, streamed with bounded memory. */
  allEdges(): AsyncGenerator<Edge> {
    return streamEdges(this.#store)
  }

  /**
   * Every node once, in key order: those with a record (with its props) and edge endpoints
   * without one (`hasRecord: false`, props {}). Streamed with bounded memory.
   */
  nodes(): AsyncGenerator<GraphNode & { hasRecord: boolean }> {
    return streamNodes(this.#store)
  }

  /** How many node records and edges the graph holds (counted without decoding values). */
  counts(): Promise<{ nodeRecords: number; edges: number }> {
    return graphCounts(this.#store)
  }

  // ---- graphology and views ----

  /**
   * The graph (or the part reachable from `start`, to `maxDepth`) as a graphology
   * MultiDirectedGraph. Node keys are JSON.stringify([type, id]) with attributes
   * { ...props, type, id }; edge keys JSON.stringify([fromType, fromId, type, toType, toId]) with
   * attributes { ...props, type }. Throws GRAPH_LIMIT_EXCEEDED beyond maxNodes or maxEdges.
   */
  toGraphology(options: ToGraphologyOptions = {}): Promise<MultiDirectedGraph> {
    return toGraphology(this.#store, this.#cacheEntries, options)
  }

  /**
   * Imports a graphology graph: a node record per node (type from the `type` attribute or
   * `nodeType`, id from the `id` attribute or the node key, props from the other attributes)
   * and an edge per graphology edge (type from its `type` attribute or `edgeType`).
   */
  fromGraphology(
    graph: GraphologyLike,
    options: FromGraphologyOptions = {},
  ): Promise<ImportResult> {
    return fromGraphology(this.#store, graph, options)
  }

  /**
   * A drawable view: the whole graph, or `node`'s neighbourhood to `depth` (default 1) with every
   * edge between its nodes. Nodes carry their props ({} without a record); `truncated` is true
   * when maxEdges or maxNodes cut it short.
   */
  view(options: ViewOptions = {}): Promise<GraphView> {
    return view(this.#store, this.#cacheEntries, options)
  }

  // ---- internals ----

  /** A traversal's scope, on the graph's kept adjacency (set up by the first traversal). */
  #scope(signal: AbortSignal | undefined): Scope {
    if (this.#keepAdjacency && this.#adjacency === undefined) {
      this.#adjacency = keptAdjacency(this.#store, this.#cacheEntries)
    }
    return new Scope(this.#store, this.#cacheEntries, signal, this.#adjacency)
  }

  async #page(node: NodeRef, family: string, options: PageOptions): Promise<EdgePage> {
    const code = checkNode(node, 'node')
    const opts = checkOptions<PageOptions>(options)
    const type = opts.type === undefined ? '' : checkEdgeType(opts.type, 'options.type')
    const limit = checkLimit(opts.limit, 'options.limit', DEFAULT_PAGE)
    const cursor = opts.cursor
    if (cursor !== undefined && (typeof cursor !== 'string' || cursor === '')) {
      throw invalidArgument('options.cursor', 'a cursor from a previous page', cursor)
    }
    let page: KvValuePage
    try {
      // Keys and values only: an edge needs no record version, times or type.
      page = await scanValues(
        this.#store,
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
    const values = page.values
    const edges = page.keys.map((key, i) => decoder.edge(key, values[i] as Props))
    return page.cursor === undefined ? { edges } : { edges, cursor: page.cursor }
  }

  async #resolvePath(scope: Scope, path: RawPath): Promise<Path> {
    const codes = scope.nodes.values
    const keys = path.edges.map((e) =>
      outKey(codes[e.from]!, scope.types.values[e.type]!, codes[e.to]!),
    )
    const records = keys.length === 0 ? [] : await this.#store.getMany(keys)
    return {
      nodes: path.nodes.map((id) => scope.node(id)),
      edges: path.edges.map((e, i) => ({
        from: scope.node(e.from),
        type: scope.typeName(e.type),
        to: scope.node(e.to),
        props: (records[i]?.value as Props) ?? {},
      })),
      cost: path.cost,
    }
  }
}

/** The code of the node at the other end of an edge key. */
function otherEnd(key: string, ownerLength: number): string {
  return key.slice(key.indexOf('\0\0', ownerLength) + 2)
}
