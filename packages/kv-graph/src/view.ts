import type { Store } from '@kvgraph/core'
import { subgraph } from './algorithms/subgraph.js'
import { aborted } from './errors.js'
import type { ViewOptions } from './graph-types.js'
import { graphologyNodeKey } from './graphology.js'
import { familiesOf, Scope } from './reading/scope.js'
import { resolveSubgraph } from './records.js'
import type { GraphView } from './types.js'
import {
  checkBound,
  checkDirection,
  checkEdgeTypes,
  checkNode,
  checkNodeTypes,
  checkOptions,
  checkSignal,
} from './validate.js'
import { readWholeGraph } from './whole-graph.js'

/** See Graph.view. */
export async function view(
  store: Store,
  cacheEntries: number,
  options: ViewOptions,
): Promise<GraphView> {
  const opts = checkOptions<ViewOptions>(options)
  const depth = opts.depth === undefined ? 1 : checkBound(opts.depth, 'options.depth')
  const direction = checkDirection(opts.direction, 'options.direction')
  const typeFilter = checkEdgeTypes(opts.edgeTypes, 'options.edgeTypes')
  const nodeTypes = checkNodeTypes(opts.nodeTypes, 'options.nodeTypes')
  const maxEdges = checkBound(opts.maxEdges, 'options.maxEdges')
  const maxNodes = checkBound(opts.maxNodes, 'options.maxNodes')
  const signal = checkSignal(opts.signal, 'options.signal')
  if (opts.node === undefined) {
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
  const code = checkNode(opts.node, 'options.node')
  const scope = new Scope(store, cacheEntries, signal)
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
    scope,
    reader: scope.reader({ families: familiesOf(direction), typeFilter, props: false }),
    edgeReader: scope.reader({ families: ['out'], typeFilter, props: true }),
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
