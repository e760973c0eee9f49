import type { Store } from '@kvgraph/core'
import { subgraph } from './algorithms/subgraph.js'
import { aborted, checking } from './errors.js'
import type { EdgeDirection, ViewOptions } from './graph-types.js'
import { graphologyNodeKey } from './graphology.js'
import { type OpenScope, type Scope, withScope } from './reading/scope.js'
import { resolveSubgraph } from './records.js'
import type { GraphView } from './types.js'
import { checkView } from './validate.js'
import { readWholeGraph } from './whole-graph.js'

/** See Graph.view. */
export async function view(
  store: Store,
  open: OpenScope,
  options: ViewOptions,
): Promise<GraphView> {
  const checked = checking('view', () => checkView(options))
  const { typeFilter, nodeTypes, maxEdges, maxNodes, signal } = checked
  if (checked.node === undefined) {
    const whole = await readWholeGraph(store, {
      edgeTypes: typeFilter && new Set(typeFilter),
      nodeTypes,
      maxEdges,
      signal,
    })
    if (whole.stopped === 'aborted') throw aborted('view', signal!)
    let truncated = whole.stopped === 'maxEdges'
    let { nodes, edges } = whole
    if (nodes.length > maxNodes) {
      truncated = true
      nodes = nodes.slice(0, maxNodes)
      const kept = new Set(nodes.map(graphologyNodeKey))
      edges = edges.filter(
        (e) => kept.has(graphologyNodeKey(e.from)) && kept.has(graphologyNodeKey(e.to)),
      )
    }
    return { nodes, edges, truncated }
  }
  const code = checked.node
  return withScope(open, signal, (scope) => viewAround(store, scope, code, checked))
}

async function viewAround(
  store: Store,
  scope: Scope,
  code: string,
  checked: {
    depth: number
    direction: EdgeDirection
    typeFilter: string[] | undefined
    nodeTypes: Set<string> | undefined
    maxEdges: number
    maxNodes: number
    signal: AbortSignal | undefined
  },
): Promise<GraphView> {
  const { depth, direction, typeFilter, nodeTypes, maxEdges, maxNodes, signal } = checked
  const admitted = new Map<number, boolean>()
  const admit =
    nodeTypes &&
    ((id: number) => {
      let ok = admitted.get(id)
      if (ok === undefined) {
        ok = nodeTypes.has(scope.node(id).type)
        admitted.set(id, ok)
      }
      return ok
    })
  const sub = await subgraph({
    space: scope,
    adjacency: scope.follow(direction, typeFilter),
    edges: scope.follow('out', typeFilter, true),
    start: scope.nodes.id(code),
    depth,
    maxNodes: Math.max(maxNodes, 1),
    maxEdges,
    ...(admit && { admit }),
  })
  if (sub.stopped === 'aborted') throw aborted('view', signal!)
  return {
    ...(await resolveSubgraph(store, scope, sub)),
    truncated: sub.stopped === 'maxNodes' || sub.stopped === 'maxEdges',
  }
}
