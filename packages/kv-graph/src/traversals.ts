import type { Store } from '@kvgraph/core'
import { type BfsOutcome, bfs } from './algorithms/bfs.js'
import { mutual } from './algorithms/mutual.js'
import { neighborhood } from './algorithms/neighborhood.js'
import { shortestPath } from './algorithms/shortest-path.js'
import { weigher } from './algorithms/weights.js'
import type { StopReason } from './errors.js'
import type { BfsStep, BfsTraversal, NeighborhoodNode, Path, Weight } from './graph-types.js'
import { type OpenScope, withScope } from './reading/scope.js'
import { resolvePath } from './records.js'
import type { NodeRef } from './types.js'
import type { checkTraversal } from './validate.js'

// The Graph's traversals once their arguments are checked: each opens a scope (on the Graph's
// held adjacency), gives the algorithm its adjacency, and turns ids back into nodes.

type Traversal = ReturnType<typeof checkTraversal>
/** A neighbourhood's start (its code) and depth, and the traversal's options. */
type Around = Traversal & { code: string; depth: number }
/** The two nodes of a mutual query (their codes), and the traversal's options. */
type Between = Traversal & { a: string; b: string }

/** See Graph.bfs. */
export function bfsTraversal(open: OpenScope, start: string, checked: Traversal): BfsTraversal {
  const { direction, typeFilter, maxDepth, maxNodes, signal } = checked
  let stopped: StopReason | undefined
  return {
    get stopped() {
      return stopped
    },
    async *[Symbol.asyncIterator](): AsyncGenerator<BfsStep> {
      stopped = undefined
      const scope = await open(signal)
      const adjacency = scope.follow(direction, typeFilter)
      const outcome: BfsOutcome = {}
      const params = {
        space: scope,
        adjacency,
        start: scope.nodes.id(start),
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

/** See Graph.shortestPath. */
export function findPath(
  store: Store,
  open: OpenScope,
  ends: { from: string; to: string; weight: Weight | undefined },
  checked: Traversal,
): Promise<Path | undefined> {
  const { direction, typeFilter, maxDepth, maxNodes, signal } = checked
  const { weight } = ends
  const props = weight !== undefined
  return withScope(open, signal, async (scope) => {
    const path = await shortestPath({
      space: scope,
      forward: scope.follow(direction, typeFilter, props),
      backward: scope.follow(direction, typeFilter, props, true),
      source: scope.nodes.id(ends.from),
      target: scope.nodes.id(ends.to),
      maxDepth,
      maxNodes,
      weigh: weight === undefined ? undefined : weigher(scope, weight),
    })
    return path && (await resolvePath(store, scope, path))
  })
}

/** See Graph.neighborhood. */
export function findNeighborhood(open: OpenScope, checked: Around): Promise<NeighborhoodNode[]> {
  return withScope(open, checked.signal, async (scope) => {
    const adjacency = scope.follow(checked.direction, checked.typeFilter)
    const { depth, maxNodes } = checked
    const start = scope.nodes.id(checked.code)
    const found = await neighborhood({ space: scope, adjacency, start, depth, maxNodes })
    return found.map((step) => ({ node: scope.node(step.id), depth: step.depth }))
  })
}

/** See Graph.mutual. */
export function findMutual(open: OpenScope, checked: Between): Promise<NodeRef[]> {
  return withScope(open, checked.signal, async (scope) => {
    const adjacency = scope.follow(checked.direction, checked.typeFilter)
    const ids = [scope.nodes.id(checked.a), scope.nodes.id(checked.b)] as const
    const common = await mutual({
      space: scope,
      adjacency,
      a: ids[0],
      b: ids[1],
      compare: scope.compare,
    })
    return common.map((id) => scope.node(id))
  })
}
