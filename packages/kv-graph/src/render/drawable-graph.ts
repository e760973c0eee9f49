import type { GraphView, NodeRef, Props } from '../types.js'

export interface DrawableNode {
  type: string
  id: string
  props: Props
  /** Referenced by an edge but absent from `view.nodes` (e.g. a neighbourhood cut short). */
  implicit: boolean
}

export interface DrawableEdge {
  /** Index into `DrawableGraph.nodes`. */
  from: number
  to: number
  type: string
  props: Props
}

/** A view reduced to what both renderers draw: distinct nodes, and edges by node index. */
export interface DrawableGraph {
  nodes: DrawableNode[]
  edges: DrawableEdge[]
}

// JSON of the pair: unambiguous for any strings, unlike joining with a separator.
const keyOf = (ref: NodeRef) => JSON.stringify([ref.type, ref.id])

/**
 * Deduplicates nodes by (type, id), first occurrence wins, and appends the endpoints of edges
 * that `view.nodes` lacks as implicit nodes, so every edge can be drawn. Multi-edges and
 * self-loops are kept as they are.
 */
export function toDrawable(view: GraphView): DrawableGraph {
  const nodes: DrawableNode[] = []
  const indexByKey = new Map<string, number>()
  const indexOf = (ref: NodeRef, props: Props | undefined, implicit: boolean) => {
    const key = keyOf(ref)
    let index = indexByKey.get(key)
    if (index === undefined) {
      index = nodes.length
      indexByKey.set(key, index)
      nodes.push({ type: ref.type, id: ref.id, props: props ?? {}, implicit })
    }
    return index
  }
  for (const node of view.nodes) indexOf(node, node.props, false)
  const edges = view.edges.map((edge) => ({
    from: indexOf(edge.from, undefined, true),
    to: indexOf(edge.to, undefined, true),
    type: edge.type,
    props: edge.props ?? {},
  }))
  return { nodes, edges }
}
