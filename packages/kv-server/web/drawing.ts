import { MultiDirectedGraph } from 'graphology'
import forceAtlas2 from 'graphology-layout-forceatlas2'
import type { NodeRef, View, ViewEdge } from './api.js'

export const nodeKey = (node: NodeRef) => `${node.type}:${node.id}`
export const edgeKey = (edge: ViewEdge) => `${nodeKey(edge.from)}|${edge.type}|${nodeKey(edge.to)}`

const NODE_COLOR = '#4a78b5'
const PATH_COLOR = '#d9480f'
const EDGE_COLOR = '#bbb'

/** The drawn graph: graphology nodes keyed `Type:id`, labels as plain strings (canvas text). */
export class Drawing {
  readonly graph = new MultiDirectedGraph()

  /** Adds a view's nodes and edges (new nodes start near the node they were expanded from). */
  merge(view: View, near?: string): void {
    const origin =
      near && this.graph.hasNode(near) ? this.graph.getNodeAttributes(near) : { x: 0, y: 0 }
    for (const node of view.nodes) {
      const key = nodeKey(node)
      if (this.graph.hasNode(key)) this.graph.mergeNodeAttributes(key, { props: node.props })
      else {
        this.graph.addNode(key, {
          label: key,
          ref: { type: node.type, id: node.id },
          props: node.props,
          x: (origin.x as number) + Math.random() * 10 - 5,
          y: (origin.y as number) + Math.random() * 10 - 5,
          size: 10,
          color: NODE_COLOR,
        })
      }
    }
    for (const edge of view.edges) {
      const key = edgeKey(edge)
      const [from, to] = [nodeKey(edge.from), nodeKey(edge.to)]
      if (this.graph.hasEdge(key) || !this.graph.hasNode(from) || !this.graph.hasNode(to)) continue
      this.graph.addEdgeWithKey(key, from, to, {
        label: edge.type,
        edge,
        size: 1.5,
        color: EDGE_COLOR,
      })
    }
  }

  replace(view: View): void {
    this.graph.clear()
    this.merge(view)
  }

  /** Colours a path's nodes and edges; every other node and edge back to plain. */
  highlight(nodes: NodeRef[], edges: ViewEdge[]): void {
    const onPath = new Set(nodes.map(nodeKey))
    const pathEdges = new Set(edges.map(edgeKey))
    this.graph.forEachNode((key) =>
      this.graph.setNodeAttribute(key, 'color', onPath.has(key) ? PATH_COLOR : NODE_COLOR),
    )
    this.graph.forEachEdge((key) => {
      const hit = pathEdges.has(key)
      this.graph.mergeEdgeAttributes(key, {
        color: hit ? PATH_COLOR : EDGE_COLOR,
        size: hit ? 4 : 1.5,
      })
    })
  }

  /**
   * Lays the graph out with ForceAtlas2 a few iterations per animation frame, so a graph of
   * thousands of nodes never freezes the tab.
   */
  layout(frames = 60): void {
    const settings = forceAtlas2.inferSettings(this.graph)
    settings.barnesHutOptimize = this.graph.order > 500
    let frame = 0
    const step = () => {
      if (this.graph.order > 1)
        forceAtlas2.assign(this.graph, { iterations: this.graph.order > 2000 ? 1 : 5, settings })
      if (++frame < frames) requestAnimationFrame(step)
    }
    requestAnimationFrame(step)
  }

  status(): string {
    return `${this.graph.order} nodes, ${this.graph.size} edges`
  }
}
