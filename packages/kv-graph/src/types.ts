import type { JsonValue } from '@kvgraph/core'

/** A node reference: nodes are identified by a type and an id (any non-empty string each). */
export interface NodeRef {
  type: string
  id: string
}

/** JSON properties carried by nodes and edges. */
export type Props = { [key: string]: JsonValue }

/** A stored node: its reference plus its record's properties ({} when it has no record). */
export interface GraphNode extends NodeRef {
  props: Props
}

/** A directed, typed edge between two nodes, with JSON properties. */
export interface Edge {
  from: NodeRef
  type: string
  to: NodeRef
  props: Props
}

/** A drawable slice of the graph: the whole graph or one node's neighbourhood. */
export interface GraphView {
  nodes: GraphNode[]
  edges: Edge[]
  /** True when `maxEdges` (or another bound) cut the view short. */
  truncated: boolean
}
