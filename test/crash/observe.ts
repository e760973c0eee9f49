import type { Store } from '@kvgraph/core'
import { Graph } from '@kvgraph/graph'
import { Tasks } from '@kvgraph/tasks'
import { type Effect, NODE_TYPE, TASKS_NAMESPACE } from './protocol.js'

/** What the load and the checker read a store through. */
export interface Handles {
  store: Store
  graph: Graph
  tasks: Tasks
}

export function handles(store: Store): Handles {
  return { store, graph: new Graph(store), tasks: new Tasks(store, { namespace: TASKS_NAMESPACE }) }
}

export const node = (id: string) => ({ type: NODE_TYPE, id })

/** The same effect with the state the store holds now (a consumer's position, a task's presence). */
export async function observe(h: Handles, effect: Effect): Promise<Effect> {
  if ('k' in effect) {
    const record = await h.store.get(effect.k)
    return { k: effect.k, s: record ? { v: record.version, val: record.value } : null }
  }
  if ('e' in effect) {
    const [from, type, to] = effect.e
    const edge = await h.graph.getEdge(node(from), type, node(to))
    return { e: effect.e, s: edge ? edge.props : null }
  }
  if ('n' in effect) {
    const found = await h.graph.getNode(node(effect.n))
    return { n: effect.n, s: found ? found.props : null }
  }
  if ('c' in effect) {
    const status = await h.store.consumer(effect.c, { leaseMs: 1 }).status()
    return { c: effect.c, pos: status.position }
  }
  if ('l' in effect) {
    const status = await h.store.lockStatus(effect.l)
    return { l: effect.l, s: status ? status.owner : null }
  }
  const task = await h.tasks.get(effect.t)
  return task ? { t: effect.t } : { t: '' }
}
