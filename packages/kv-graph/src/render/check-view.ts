import type { GraphView } from '../types.js'
import { invalidArgument } from './options.js'

const isObject = (value: unknown): value is Record<string, unknown> =>
  typeof value === 'object' && value !== null && !Array.isArray(value)

function checkRef(where: string, name: string, value: unknown) {
  if (!isObject(value)) throw invalidArgument(where, name, 'a node reference {type, id}', value)
  if (typeof value.type !== 'string') {
    throw invalidArgument(where, `${name}.type`, 'a string', value.type)
  }
  if (typeof value.id !== 'string') throw invalidArgument(where, `${name}.id`, 'a string', value.id)
}

// Props are optional at runtime (a view read from JSON may omit empty ones); drawn as {}.
function checkProps(where: string, name: string, value: unknown) {
  if (value !== undefined && !isObject(value)) {
    throw invalidArgument(where, name, 'a JSON object', value)
  }
}

/** Validates a view at the public edge, so the renderers can trust its shape. */
export function checkView(where: string, view: unknown): asserts view is GraphView {
  if (!isObject(view) || !Array.isArray(view.nodes) || !Array.isArray(view.edges)) {
    throw invalidArgument(where, 'view', 'an object with nodes and edges arrays', view)
  }
  view.nodes.forEach((node: unknown, i) => {
    checkRef(where, `view.nodes[${i}]`, node)
    checkProps(where, `view.nodes[${i}].props`, (node as Record<string, unknown>).props)
  })
  view.edges.forEach((edge: unknown, i) => {
    if (!isObject(edge)) throw invalidArgument(where, `view.edges[${i}]`, 'an edge', edge)
    checkRef(where, `view.edges[${i}].from`, edge.from)
    checkRef(where, `view.edges[${i}].to`, edge.to)
    if (typeof edge.type !== 'string') {
      throw invalidArgument(where, `view.edges[${i}].type`, 'a string', edge.type)
    }
    checkProps(where, `view.edges[${i}].props`, edge.props)
  })
}
