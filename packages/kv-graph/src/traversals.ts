import type { Store } from '@kvgraph/core'
import { type BfsOutcome, bfs } from './algorithms/bfs.js'
import { mutual } from './algorithms/mutual.js'
import { neighborhood } from './algorithms/neighborhood.js'
import { shortestPath } from './algorithms/shortest-path.js'
import { weigher } from './algorithms/weights.js'
import type { StopReason } from './errors.js'
import type { BfsStep, BfsTraversal, NeighborhoodNode, Path, Weight } from './graph-types.js'
import { familiesOf, type OpenScope } from './reading/scope.js'
import { resolvePath } from './records.js'
import type { NodeRef } from './types.js'
import type { checkTraversal } from './validate.js'

// The Graph's traversals once their arguments are checked: each opens a scope (on the Graph's
// held adjacency), gives the algorithm its adjacency, and turns ids back into nodes.

type Traversal = ReturnType<typeof checkTraversal>

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
      const adjacency = scope.reader({ families: familiesOf(direction), typeFilter, props: false })
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
export async function findPath(
  store: Store,
  open: OpenScope,
  ends: { from: string; to: string; weight: Weight | undefined },
  checked: Traversal,
): Promise<Path | undefined> {
  const { direction, typeFilter, maxDepth, maxNodes, signal } = checked
  const { weight } = ends
  const scope = await open(signal)
  try {
    const props = weight !== undefined
    const path = await shortestPath({
      space: scope,
      forward: scope.reader({ families: familiesOf(direction), typeFilter, props }),
      backward: scope.reader({ families: familiesOf(direction, true), typeFilter, props }),
      source: scope.nodes.id(ends.from),
      target: scope.nodes.id(ends.to),
      maxDepth,
      maxNodes,
      weigh: weight === undefined ? undefined : weigher(scope, weight),
    })
    return path && (await resolvePath(store, scope, path))
  } finally {
    scope.release()
  }
}

/** See Graph.neighborhood. */
export async function findNeighborhood(
  open: OpenScope,
  start: string,
  depth: number,
  checked: Traversal,
): Promise<NeighborhoodNode[]> {
  const { direction, typeFilter, maxNodes, signal } = checked
  const scope = await open(signal)
  try {
    const found = await neighborhood({
      space: scope,
      adjacency: scope.reader({ families: familiesOf(direction), typeFilter, props: false }),
      start: scope.nodes.id(start),
      depth,
      maxNodes,
    })
    return found.map(({ id, depth }) => ({ node: scope.node(id), depth }))
  } finally {
    scope.release()
  }
}

/** See Graph.mutual. */
export async function findMutual(
  open: OpenScope,
  a: string,
  b: string,
  checked: Traversal,
): Promise<NodeRef[]> {
  const { direction, typeFilter, signal } = checked
  const scope = await open(signal)
  try {
    const ids = await mutual({
      space: scope,
      adjacency: scope.reader({ families: familiesOf(direction), typeFilter, props: false }),
      a: scope.nodes.id(a),
      b: scope.nodes.id(b),
      compare: scope.compare,
    })
    return ids.map((id) => scope.node(id))
  } finally {
    scope.release()
  }
}
