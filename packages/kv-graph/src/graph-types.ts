import type { StopReason } from './errors.js'
import type { Edge, NodeRef, Props } from './types.js'

/** Which edges a traversal follows from a node: outgoing (the default), incoming, or both. */
export type EdgeDirection = 'out' | 'in' | 'both'

/** An edge without its props. */
export interface EdgeRef {
  from: NodeRef
  type: string
  to: NodeRef
}

/** An edge to store; props default to {}. */
export interface EdgeInput {
  from: NodeRef
  type: string
  to: NodeRef
  props?: Props
}

export interface GraphOptions {
  /** Keep the graph in this namespace of the store (isolated from every other key). */
  namespace?: string
  /**
   * Bound on the adjacency entries (edges) each traversal keeps read ahead, per search side.
   * Default 2,000,000 (about 40 MB at most).
   */
  cacheEntries?: number
  /**
   * Keep the adjacency (edge types and other ends, no props) that traversals read, for the
   * traversals after them, up to `cacheEntries` edges per direction. Writes committed to the
   * store drop what they change, so traversals never see stale edges. Default true.
   */
  keepAdjacency?: boolean
}

/** Bounds shared by every traversal. */
export interface TraversalBounds {
  /** How many hops from the start a traversal goes. */
  maxDepth?: number
  /** How many nodes a traversal visits (the start included). */
  maxNodes?: number
  signal?: AbortSignal
}

/** Options of every traversal: its bounds, the direction it follows and the edge types. */
export interface TraversalOptions extends TraversalBounds {
  direction?: EdgeDirection
  /** Follow only edges of these types. */
  edgeTypes?: string[]
}

export interface BfsOptions extends TraversalOptions {}

/** One node reached by a breadth-first traversal. */
export interface BfsStep {
  node: NodeRef
  /** Hops from the start (0 for the start). */
  depth: number
  /** The edge it was first reached by (undefined for the start); props are not read. */
  edge: EdgeRef | undefined
}

/**
 * A breadth-first traversal: an async iterable of steps, start first, in order of depth. It ends
 * at its bounds without throwing; `stopped` then says which bound ended it, so a truncated result
 * is never mistaken for a complete one.
 */
export interface BfsTraversal extends AsyncIterable<BfsStep> {
  /**
   * After iteration ends: undefined when every reachable node was visited; 'maxNodes' when more
   * nodes were reachable; 'maxDepth' when nodes lay beyond maxDepth; 'aborted' when the signal
   * fired. While iterating (or when the consumer breaks out early): undefined.
   */
  readonly stopped: StopReason | undefined
}

/** A weight: the name of a numeric edge property, or a function of the edge. */
export type Weight = string | ((edge: Edge) => number)

export interface ShortestPathOptions extends TraversalOptions {
  /** Without a weight, the path with the fewest hops. */
  weight?: Weight
}

/** A path: `nodes[i]` and `nodes[i + 1]` are joined by `edges[i]` (which may point backwards when direction is 'in' or 'both'). */
export interface Path {
  nodes: NodeRef[]
  edges: Edge[]
  /** Hops, or the sum of the weights. */
  cost: number
}

export interface PageOptions {
  /** Only edges of this type. */
  type?: string
  /** Edges per page; default 1000. */
  limit?: number
  /** Resume after the last edge of a previous page. */
  cursor?: string
}

export interface EdgePage {
  edges: Edge[]
  /** Present when more edges may follow; pass it back as `cursor`. */
  cursor?: string
}

export interface EdgesOptions {
  direction?: EdgeDirection
  type?: string
}

export interface DegreeOptions {
  direction?: EdgeDirection
  type?: string
}

export interface ImportOptions {
  /** Edges per atomic batch; default 5,000. */
  batchSize?: number
}

export interface NeighborhoodOptions extends Omit<TraversalOptions, 'maxDepth'> {
  /** Hops from the node. */
  depth: number
  /** Throw GRAPH_LIMIT_EXCEEDED rather than return more nodes than this (the node not counted). */
  maxNodes?: number
}

/** A node within a neighbourhood and its distance in hops. */
export interface NeighborhoodNode {
  node: NodeRef
  depth: number
}

export interface MutualOptions extends Omit<TraversalOptions, 'maxDepth' | 'maxNodes'> {}

export interface RemoveNodeResult {
  /** Whether the node had a record. */
  record: boolean
  /** Edges removed (each edge counted once, self-loops included). */
  edges: number
}

export interface ToGraphologyOptions extends TraversalOptions {
  /** Export the subgraph reachable from this node (to maxDepth) instead of the whole graph. */
  start?: NodeRef
  /** Throw GRAPH_LIMIT_EXCEEDED rather than export more nodes or edges than this. */
  maxNodes?: number
  maxEdges?: number
}

export interface FromGraphologyOptions {
  /** Node type for graphology nodes without a string `type` attribute. */
  nodeType?: string
  /** Edge type for graphology edges without a string `type` attribute. */
  edgeType?: string
  /** Nodes plus edges per atomic batch; default 5,000. */
  batchSize?: number
}

export interface ImportResult {
  nodes: number
  edges: number
}

export interface ViewOptions extends Omit<TraversalOptions, 'maxDepth'> {
  /** Center the view on this node (its neighbourhood to `depth`); the whole graph otherwise. */
  node?: NodeRef
  /** Hops from `node`; default 1. */
  depth?: number
  /** Keep only nodes of these types, and the edges between them. */
  nodeTypes?: string[]
  /** Cut the view at this many edges (`truncated` is then true). */
  maxEdges?: number
  /** Cut the view at this many nodes (`truncated` is then true). */
  maxNodes?: number
}
