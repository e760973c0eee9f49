import type { Store } from '@kvgraph/core'
import type { MultiDirectedGraph } from 'graphology'
import { checking, inMethod, invalidArgument } from './errors.js'
import type * as T from './graph-types.js'
import { fromGraphology, type GraphologyLike, toGraphology } from './graphology.js'
import { IN_FAMILY, NODE_FAMILY, OUT_FAMILY, outKey } from './key-codec.js'
import { checkNodeEdges, checkPage, edgePage, nodeDegree, nodeEdges } from './node-edges.js'
import { asPropsError } from './props-size.js'
import { AdjacencyLoad } from './reading/adjacency-load.js'
import { type OpenScope, Scope } from './reading/scope.js'
import { keptAdjacency, type SharedAdjacency } from './reading/shared-adjacency.js'
import {
  hearsEveryCommit,
  isShared,
  STORE_ACCESS,
  type StoreAccess,
  syncCommits,
} from './store-access.js'
import { graphCounts, streamEdges, streamNodes } from './streams.js'
import { bfsTraversal, findMutual, findNeighborhood, findPath } from './traversals.js'
import { DEFAULT_TUNING, type GraphInternals, type Tuning } from './tuning.js'
import type { Edge, GraphNode, GraphView, NodeRef, Props } from './types.js'
import {
  checkBound,
  checkEdge,
  checkGraph,
  checkLimit,
  checkNode,
  checkOptions,
  checkProps,
  checkTraversal,
  checkWeight,
  MAX_BATCH_SIZE,
} from './validate.js'
import { view } from './view.js'
import {
  DEFAULT_IMPORT_BATCH,
  deleteEdge,
  importEdges,
  putEdge,
  removeNodeMutations,
} from './writes.js'

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
  /** Other processes write the store too: the held adjacency catches up before each operation. */
  readonly #shared: boolean
  readonly #tuning: Tuning
  readonly #access: StoreAccess
  /** The adjacency held across traversals, and the load that fills it whole (set up lazily). */
  #held: { adjacency: SharedAdjacency; load: AdjacencyLoad } | undefined
  /** How operations open their scope (handed to traversals, views and exports). */
  readonly #opener: OpenScope = (signal) => this.#open(signal)

  /** `internals` is not part of the public API (tests tune and watch reads with it). */
  constructor(store: Store, options: T.GraphOptions = {}, internals: GraphInternals = {}) {
    const checked = checking('constructor', () => checkGraph(store, options))
    this.#store = checked.store
    this.#cacheEntries = checked.cacheEntries
    // A held adjacency is a cache: kept only where the store tells it of every commit (on a
    // shared engine, PostgreSQL, that takes the change stream).
    this.#keepAdjacency = checked.keepAdjacency && hearsEveryCommit(checked.store)
    this.#shared = isShared(checked.store)
    this.#tuning = internals.tuning ?? DEFAULT_TUNING
    this.#access = internals.access ?? STORE_ACCESS
  }

  /** The store (or namespace view) the graph lives in. */
  get store(): Store {
    return this.#store
  }

  // ---- nodes ----

  /** Creates or replaces a node's record. */
  async putNode(node: NodeRef, props: Props = {}): Promise<GraphNode> {
    const code = checking('putNode', () => {
      checkProps(props, 'props')
      return checkNode(node, 'node')
    })
    await this.#store.put(NODE_FAMILY + code, props).catch(propsError('putNode'))
    return { type: node.type, id: node.id, props }
  }

  /** A node's record, or undefined when it has none (it may still have edges). */
  async getNode(node: NodeRef): Promise<GraphNode | undefined> {
    const code = checking('getNode', () => checkNode(node, 'node'))
    const record = await this.#store.get(NODE_FAMILY + code)
    return record && { type: node.type, id: node.id, props: record.value as Props }
  }

  /** Removes a node's record and every edge to or from it, in one atomic write. */
  async removeNode(node: NodeRef): Promise<T.RemoveNodeResult> {
    const code = checking('removeNode', () => checkNode(node, 'node'))
    const { mutations, outDeletes } = await removeNodeMutations(this.#store, code)
    const rows = await this.#store.mutate(mutations)
    return { record: rows[0] === 1, edges: outDeletes.reduce((sum, i) => sum + rows[i]!, 0) }
  }

  // ---- edges ----

  /** Creates an edge, or replaces its props (an edge is identified by from, type and to). */
  async addEdge(from: NodeRef, type: string, to: NodeRef, props: Props = {}): Promise<Edge> {
    const { fromCode, typeComponent, toCode } = checking('addEdge', () => {
      const codes = checkEdge(from, type, to)
      checkProps(props, 'props')
      return codes
    })
    await this.#store
      .mutate(putEdge(fromCode, typeComponent, toCode, props))
      .catch(propsError('addEdge'))
    return { from: { type: from.type, id: from.id }, type, to: { type: to.type, id: to.id }, props }
  }

  async getEdge(from: NodeRef, type: string, to: NodeRef): Promise<Edge | undefined> {
    const { fromCode, typeComponent, toCode } = checking('getEdge', () => checkEdge(from, type, to))
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
    const { fromCode, typeComponent, toCode } = checking('removeEdge', () =>
      checkEdge(from, type, to),
    )
    const rows = await this.#store.mutate(deleteEdge(fromCode, typeComponent, toCode))
    return rows[0] === 1 || rows[1] === 1
  }

  /** One page of a node's outgoing edges, in key order (by edge type, then target). */
  async outgoing(node: NodeRef, options: T.PageOptions = {}): Promise<T.EdgePage> {
    const page = checking('outgoing', () => checkPage(node, options))
    return edgePage(this.#store, this.#access, node, OUT_FAMILY, page).catch((error: unknown) => {
      throw inMethod('outgoing', error)
    })
  }

  /** One page of a node's incoming edges, in key order (by edge type, then source). */
  async incoming(node: NodeRef, options: T.PageOptions = {}): Promise<T.EdgePage> {
    const page = checking('incoming', () => checkPage(node, options))
    return edgePage(this.#store, this.#access, node, IN_FAMILY, page).catch((error: unknown) => {
      throw inMethod('incoming', error)
    })
  }

  /**
   * Every edge of a node, streamed with bounded memory: outgoing then incoming for 'both' (a
   * self-loop only once).
   */
  edges(node: NodeRef, options: T.EdgesOptions = {}): AsyncIterable<Edge> {
    const checked = checking('edges', () => checkNodeEdges(node, options))
    const store = this.#store
    return { [Symbol.asyncIterator]: () => nodeEdges(store, node, checked) }
  }

  /** How many edges a node has: out, in, or both (out + in, so a self-loop counts twice). */
  async degree(node: NodeRef, options: T.DegreeOptions = {}): Promise<number> {
    return nodeDegree(
      this.#store,
      checking('degree', () => checkNodeEdges(node, options)),
    )
  }

  /**
   * Stores many edges (creating or replacing each), in atomic batches of `batchSize` edges.
   * Resolves to the number of edges read. Each edge is checked before its batch is sent; on an
   * invalid edge (or a batch the store rejects) it throws: the batches before stay written and
   * none is sent after.
   */
  async import(
    edges: Iterable<T.EdgeInput> | AsyncIterable<T.EdgeInput>,
    options: T.ImportOptions = {},
  ): Promise<number> {
    const batchSize = checking('import', () => {
      const opts = checkOptions<T.ImportOptions>(options)
      const size = checkLimit(
        opts.batchSize,
        'options.batchSize',
        DEFAULT_IMPORT_BATCH,
        MAX_BATCH_SIZE,
      )
      const iterable =
        typeof edges === 'object' &&
        edges !== null &&
        (typeof (edges as Iterable<T.EdgeInput>)[Symbol.iterator] === 'function' ||
          typeof (edges as AsyncIterable<T.EdgeInput>)[Symbol.asyncIterator] === 'function')
      if (!iterable) throw invalidArgument('edges', 'an iterable or async iterable of edges', edges)
      return size
    })
    try {
      return await importEdges(this.#store, edges, batchSize)
    } catch (error) {
      throw inMethod('import', error)
    }
  }

  // ---- traversals ----

  /**
   * Breadth-first traversal from `start`: an async iterable of `{ node, depth, edge }`, start
   * first. It ends at its bounds without throwing and then reports in `stopped` which bound ended
   * it ('maxNodes', 'maxDepth' or 'aborted'); undefined means it visited every reachable node.
   */
  bfs(start: NodeRef, options: T.BfsOptions = {}): T.BfsTraversal {
    const checked = checking('bfs', () => {
      const code = checkNode(start, 'start')
      return { code, ...checkTraversal(checkOptions<T.BfsOptions>(options), 1) }
    })
    return bfsTraversal(this.#opener, checked.code, checked)
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
    options: T.ShortestPathOptions = {},
  ): Promise<T.Path | undefined> {
    const checked = checking('shortestPath', () => {
      const ends = { from: checkNode(from, 'from'), to: checkNode(to, 'to') }
      const opts = checkOptions<T.ShortestPathOptions>(options)
      const traversal = checkTraversal(opts, 1)
      return { ends: { ...ends, weight: checkWeight(opts.weight) }, traversal }
    })
    return findPath(this.#store, this.#opener, checked.ends, checked.traversal)
  }

  /**
   * The nodes within `depth` hops of `node` (itself excluded), each with its distance, in
   * breadth-first order. Throws GRAPH_LIMIT_EXCEEDED rather than return more than `maxNodes`.
   */
  async neighborhood(node: NodeRef, options: T.NeighborhoodOptions): Promise<T.NeighborhoodNode[]> {
    const checked = checking('neighborhood', () => {
      const code = checkNode(node, 'node')
      const opts = checkOptions<T.NeighborhoodOptions>(options)
      if (opts.depth === undefined)
        throw invalidArgument('options.depth', 'a non-negative integer', undefined)
      return { code, depth: checkBound(opts.depth, 'options.depth'), ...checkTraversal(opts) }
    })
    return findNeighborhood(this.#opener, checked)
  }

  /**
   * The nodes both `a` and `b` are connected to (out: both point at them; in: they point at both;
   * both: either way), a and b themselves excluded, in key order.
   */
  async mutual(a: NodeRef, b: NodeRef, options: T.MutualOptions = {}): Promise<NodeRef[]> {
    const checked = checking('mutual', () => {
      const codes = { a: checkNode(a, 'a'), b: checkNode(b, 'b') }
      return { ...codes, ...checkTraversal(checkOptions<T.MutualOptions>(options)) }
    })
    return findMutual(this.#opener, checked)
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
  toGraphology(options: T.ToGraphologyOptions = {}): Promise<MultiDirectedGraph> {
    return toGraphology(this.#store, this.#opener, options)
  }

  /**
   * Imports a graphology graph: a node record per node (type from the `type` attribute or
   * `nodeType`, id from the `id` attribute or the node key, props from the other attributes)
   * and an edge per graphology edge (type from its `type` attribute or `edgeType`).
   */
  fromGraphology(
    graph: GraphologyLike,
    options: T.FromGraphologyOptions = {},
  ): Promise<T.ImportResult> {
    return fromGraphology(this.#store, graph, options).catch((error: unknown) => {
      throw inMethod('fromGraphology', error)
    })
  }

  /**
   * A drawable view: the whole graph, or `node`'s neighbourhood to `depth` (default 1) with every
   * edge between its nodes. Nodes carry their props ({} without a record); `truncated` is true
   * when maxEdges or maxNodes cut it short.
   */
  view(options: T.ViewOptions = {}): Promise<GraphView> {
    return view(this.#store, this.#opener, options)
  }

  // ---- internals ----

  /**
   * A traversal's scope, on the graph's held adjacency (set up by the first traversal). The
   * Graph, not a read, decides on loading the whole adjacency: before a traversal starts, once
   * the seeks of the ones before have paid for it (see AdjacencyLoad).
   */
  async #open(signal: AbortSignal | undefined): Promise<Scope> {
    const options = {
      store: this.#store,
      access: this.#access,
      tuning: this.#tuning.reader,
      cacheEntries: this.#cacheEntries,
      signal,
    }
    if (!this.#keepAdjacency) return new Scope(options)
    if (this.#held === undefined) {
      const adjacency = keptAdjacency(this.#store, this.#cacheEntries, this.#access)
      const load = new AdjacencyLoad(adjacency, this.#tuning.load, this.#access)
      this.#held = { adjacency, load }
    }
    const { adjacency, load } = this.#held
    // Every commit acknowledged before this operation started, by any process, reaches the
    // held tables first: a traversal never uses an edge removed before it began, nor misses one
    // added before it began.
    if (this.#shared) await syncCommits(this.#store)
    const epoch = adjacency.begin()
    if (load.due) await load.run(this.#store, epoch)
    return new Scope({ ...options, held: { adjacency, epoch }, meter: load })
  }
}

/** Rethrows a store's refusal of a too large value as a GraphError naming `props`. */
function propsError(method: string): (error: unknown) => never {
  return (error) => {
    throw inMethod(method, asPropsError(error, 'props'))
  }
}
