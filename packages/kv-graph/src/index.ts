export { GraphError, type GraphErrorCode, type StopReason } from './errors.js'
export { Graph } from './graph.js'
export type {
  BfsOptions,
  BfsStep,
  BfsTraversal,
  DegreeOptions,
  EdgeDirection,
  EdgeInput,
  EdgePage,
  EdgeRef,
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
  TraversalBounds,
  TraversalOptions,
  ViewOptions,
  Weight,
} from './graph-types.js'
export { type GraphologyLike, graphologyEdgeKey, graphologyNodeKey } from './graphology.js'
export type { Edge, GraphNode, GraphView, NodeRef, Props } from './types.js'
export { DEFAULT_IMPORT_BATCH } from './writes.js'
