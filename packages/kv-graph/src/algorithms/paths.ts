import type { IdArray, SearchSpace } from '../reading/adjacency.js'

/** A path found by a search, as node and type ids of its adjacency. */
export interface RawPath {
  nodes: number[]
  /** The stored edge between nodes[i] and nodes[i + 1]. */
  edges: Array<{ from: number; type: number; to: number }>
  cost: number
}

/** How each node was first reached by one side of a search: the node before it and the edge. */
export class Parents {
  readonly via: IdArray
  readonly type: IdArray
  readonly reversed: IdArray

  constructor(space: SearchSpace) {
    this.via = space.array(-1)
    this.type = space.array(-1)
    this.reversed = space.array(0)
  }

  set(id: number, via: number, type: number, reversed: boolean): void {
    this.via.set(id, via)
    this.type.set(id, type)
    this.reversed.set(id, reversed ? 1 : 0)
  }

  /** The stored edge joining `id` to the node it was reached from. */
  edgeTo(id: number): { from: number; type: number; to: number } {
    const via = this.via.get(id)
    const reversed = this.reversed.get(id) === 1
    return { from: reversed ? id : via, type: this.type.get(id), to: reversed ? via : id }
  }

  /** The chain from `id` back to the side's origin: [id, ..., origin]. */
  chain(id: number): number[] {
    const nodes = [id]
    for (let at = this.via.get(id); at >= 0; at = this.via.get(at)) nodes.push(at)
    return nodes
  }
}

/** Joins the forward chain to `meet` and the backward chain from it into one path. */
export function joinPath(forward: Parents, backward: Parents, meet: number, cost: number): RawPath {
  const head = forward.chain(meet).reverse()
  const tail = backward.chain(meet)
  const edges = []
  for (let i = 1; i < head.length; i++) edges.push(forward.edgeTo(head[i]!))
  for (let i = 0; i < tail.length - 1; i++) edges.push(backward.edgeTo(tail[i]!))
  return { nodes: head.concat(tail.slice(1)), edges, cost }
}
