import { jsonProblem, MAX_KEY_BYTES, type Store } from '@kvgraph/core'
import { isPlainObject, utf8Length } from '@kvgraph/core/internal'
import { describe, GraphError, invalidArgument } from './errors.js'
import type {
  EdgeDirection,
  EdgeInput,
  GraphOptions,
  ToGraphologyOptions,
  TraversalOptions,
  ViewOptions,
  Weight,
} from './graph-types.js'
import { encodeComponent, FAMILY_LENGTH } from './key-codec.js'
import { isStore } from './store-access.js'
import type { NodeRef, Props } from './types.js'

const DIRECTIONS: readonly EdgeDirection[] = ['out', 'in', 'both']

function invalidNode(name: string, expected: string, received: unknown): GraphError {
  return new GraphError(
    'GRAPH_INVALID_NODE',
    `${name} must be ${expected}: received ${describe(received)}`,
  )
}

function checkPart(value: unknown, name: string): string {
  if (typeof value !== 'string' || value === '') {
    throw invalidNode(name, 'a non-empty string', value)
  }
  if (!value.isWellFormed()) {
    throw invalidNode(name, 'a well-formed string (no lone surrogates)', value)
  }
  return value
}

/** Validates a node reference and returns its node code (see key-codec.ts). */
export function checkNode(value: unknown, name: string): string {
  return nodeCodeOf(value) ?? explainNode(value, name)
}

/**
 * The node code of a valid node reference, or undefined: checkNode without error text, for
 * bulk paths that would otherwise build an argument name per node.
 */
export function nodeCodeOf(value: unknown): string | undefined {
  if (typeof value !== 'object' || value === null) return undefined
  const { type, id } = value as Partial<NodeRef>
  if (typeof type !== 'string' || type === '' || !type.isWellFormed()) return undefined
  if (typeof id !== 'string' || id === '' || !id.isWellFormed()) return undefined
  const code = encodeComponent(type) + encodeComponent(id)
  if (FAMILY_LENGTH + code.length * 3 <= MAX_KEY_BYTES) return code
  return FAMILY_LENGTH + utf8Length(code) <= MAX_KEY_BYTES ? code : undefined
}

/** Throws the error that says why `value` is not a valid node reference. */
function explainNode(value: unknown, name: string): never {
  if (typeof value !== 'object' || value === null || Array.isArray(value)) {
    throw invalidNode(name, 'a node reference { type, id }', value)
  }
  const ref = value as Partial<NodeRef>
  const type = checkPart(ref.type, `${name}.type`)
  const id = checkPart(ref.id, `${name}.id`)
  const bytes = FAMILY_LENGTH + utf8Length(encodeComponent(type) + encodeComponent(id))
  throw new GraphError(
    'GRAPH_INVALID_NODE',
    `${name} is too long: its key would be ${bytes} bytes of UTF-8, at most ${MAX_KEY_BYTES} are allowed; shorten ${name}.id or ${name}.type`,
  )
}

/** Validates an edge type and returns its encoded component. */
export function checkEdgeType(value: unknown, name: string): string {
  const component = edgeTypeComponentOf(value)
  if (component === undefined) throw invalidArgument(name, 'a non-empty well-formed string', value)
  return component
}

/** The encoded component of a valid edge type, or undefined (checkEdgeType without a name). */
function edgeTypeComponentOf(value: unknown): string | undefined {
  return typeof value === 'string' && value !== '' && value.isWellFormed()
    ? encodeComponent(value)
    : undefined
}

/** Both edge keys have the same length; it must fit the store's key limit. */
export function checkEdgeLength(
  fromCode: string,
  typeComponent: string,
  toCode: string,
  names: { from: string; type: string; to: string },
): void {
  const lengthCap = MAX_KEY_BYTES - FAMILY_LENGTH
  const total = fromCode.length + typeComponent.length + toCode.length
  if (total * 3 <= lengthCap) return
  const from = utf8Length(fromCode)
  const type = utf8Length(typeComponent)
  const to = utf8Length(toCode)
  if (from + type + to <= lengthCap) return
  throw new GraphError(
    'GRAPH_KEY_TOO_LONG',
    `the edge's keys would be ${FAMILY_LENGTH + from + type + to} bytes of UTF-8 (${names.from}: ${from}, ${names.type}: ${type}, ${names.to}: ${to}, plus ${FAMILY_LENGTH}), at most ${MAX_KEY_BYTES} are allowed; shorten ${names.from}, ${names.type} or ${names.to}`,
  )
}

/** An edge's endpoints and type (addEdge, getEdge, removeEdge), checked, as key parts. */
export function checkEdge(
  from: unknown,
  type: unknown,
  to: unknown,
): { fromCode: string; typeComponent: string; toCode: string } {
  const fromCode = checkNode(from, 'from')
  const typeComponent = checkEdgeType(type, 'type')
  const toCode = checkNode(to, 'to')
  checkEdgeLength(fromCode, typeComponent, toCode, { from: 'from', type: 'type', to: 'to' })
  return { fromCode, typeComponent, toCode }
}

/** One validated edge of a bulk load: its encoded parts and props. */
export interface CheckedEdge {
  fromCode: string
  typeComponent: string
  toCode: string
  props: Props
}

/**
 * Validates `edges[index]` of a bulk load. Names like `edges[12].from.id` are built only when
 * there is an error to report: building them for every edge cost more than the checks.
 */
export function checkEdgeInput(edge: unknown, index: number): CheckedEdge {
  if (typeof edge !== 'object' || edge === null) {
    throw invalidArgument(edgeName(index), 'an edge { from, type, to, props? }', edge)
  }
  const { from, type, to, props } = edge as Partial<EdgeInput>
  const fromCode = nodeCodeOf(from) ?? explainNode(from, edgeName(index, 'from'))
  const typeComponent = edgeTypeComponentOf(type) ?? checkEdgeType(type, edgeName(index, 'type'))
  const toCode = nodeCodeOf(to) ?? explainNode(to, edgeName(index, 'to'))
  if ((fromCode.length + typeComponent.length + toCode.length) * 3 > MAX_KEY_BYTES) {
    const names = { from: 'from', type: 'type', to: 'to' }
    for (const field of ['from', 'type', 'to'] as const) names[field] = edgeName(index, field)
    checkEdgeLength(fromCode, typeComponent, toCode, names)
  }
  const checked =
    props === undefined
      ? {}
      : isPlainObject(props) && jsonProblem(props, '') === undefined
        ? (props as Props)
        : checkProps(props, edgeName(index, 'props'))
  return { fromCode, typeComponent, toCode, props: checked }
}

function edgeName(index: number, field?: string): string {
  return field === undefined ? `edges[${index}]` : `edges[${index}].${field}`
}

/** Validates a props object: a plain object of JSON values (core's rules, a GraphError). */
export function checkProps(value: unknown, name: string): Props {
  if (!isPlainObject(value)) throw invalidArgument(name, 'a plain object of JSON values', value)
  const problem = jsonProblem(value, name)
  if (problem) throw invalidArgument(problem.path, problem.expected, problem.value)
  return value as Props
}

export function checkOptions<T extends object>(value: unknown, name = 'options'): Partial<T> {
  if (value === undefined) return {}
  if (typeof value !== 'object' || value === null || Array.isArray(value)) {
    throw invalidArgument(name, 'an object', value)
  }
  return value as Partial<T>
}

export function checkDirection(value: unknown, name: string): EdgeDirection {
  if (value === undefined) return 'out'
  if (!DIRECTIONS.includes(value as EdgeDirection)) {
    throw invalidArgument(name, "'out', 'in' or 'both'", value)
  }
  return value as EdgeDirection
}

/** An optional bound: a non-negative integer (or Infinity when absent). */
export function checkBound(value: unknown, name: string, min = 0): number {
  if (value === undefined) return Number.POSITIVE_INFINITY
  if (typeof value !== 'number' || !Number.isSafeInteger(value) || value < min) {
    throw invalidArgument(
      name,
      min === 0 ? 'a non-negative integer' : `an integer >= ${min}`,
      value,
    )
  }
  return value
}

/** The options every traversal shares (see TraversalOptions), checked in this order. */
export function checkTraversal(
  opts: Partial<TraversalOptions>,
  minNodes = 0,
): {
  direction: EdgeDirection
  typeFilter: string[] | undefined
  maxDepth: number
  maxNodes: number
  signal: AbortSignal | undefined
} {
  return {
    direction: checkDirection(opts.direction, 'options.direction'),
    typeFilter: checkEdgeTypes(opts.edgeTypes, 'options.edgeTypes'),
    maxDepth: checkBound(opts.maxDepth, 'options.maxDepth'),
    maxNodes: checkBound(opts.maxNodes, 'options.maxNodes', minNodes),
    signal: checkSignal(opts.signal, 'options.signal'),
  }
}

/** Largest import batch (edges in one atomic write). */
export const MAX_BATCH_SIZE = 100_000
/** Largest page of edges: the store's own cap on a page. */
export const MAX_PAGE = 1_000_000

/**
 * A positive integer option; `max` caps the sizes that decide what one call holds in memory
 * (a larger value is refused, never clamped: the caller asked for something else).
 */
export function checkLimit(
  value: unknown,
  name: string,
  fallback: number,
  max = Number.MAX_SAFE_INTEGER,
): number {
  if (value === undefined) return fallback
  if (typeof value !== 'number' || !Number.isSafeInteger(value) || value < 1 || value > max) {
    const expected =
      max === Number.MAX_SAFE_INTEGER
        ? 'a positive integer'
        : `a positive integer of at most ${max.toLocaleString('en')}`
    throw invalidArgument(name, expected, value)
  }
  return value
}

/** An optional list of edge types, returned as their encoded components (deduplicated). */
export function checkEdgeTypes(value: unknown, name: string): string[] | undefined {
  if (value === undefined) return undefined
  if (!Array.isArray(value) || value.length === 0) {
    throw invalidArgument(name, 'a non-empty array of edge types', value)
  }
  return [...new Set(value.map((type, i) => checkEdgeType(type, `${name}[${i}]`)))]
}

export function checkNodeTypes(value: unknown, name: string): Set<string> | undefined {
  if (value === undefined) return undefined
  if (!Array.isArray(value) || value.length === 0) {
    throw invalidArgument(name, 'a non-empty array of node types', value)
  }
  value.forEach((type, i) => {
    if (typeof type !== 'string' || type === '' || !type.isWellFormed()) {
      throw invalidArgument(`${name}[${i}]`, 'a non-empty well-formed string', type)
    }
  })
  return new Set(value as string[])
}

export function checkSignal(value: unknown, name: string): AbortSignal | undefined {
  if (value === undefined) return undefined
  if (!(value instanceof AbortSignal)) throw invalidArgument(name, 'an AbortSignal', value)
  return value
}

const DEFAULT_CACHE_ENTRIES = 2_000_000

/** The Graph constructor's arguments, checked: the store (or its namespace) and the options. */
export function checkGraph(
  store: unknown,
  options: unknown,
): { store: Store; cacheEntries: number; keepAdjacency: boolean } {
  const opts = checkOptions<GraphOptions>(options)
  if (!isStore(store)) throw invalidArgument('store', 'a Store from openStore()', store)
  const namespace = opts.namespace
  if (
    namespace !== undefined &&
    (typeof namespace !== 'string' || namespace === '' || !namespace.isWellFormed())
  ) {
    throw invalidArgument('options.namespace', 'a non-empty well-formed string', namespace)
  }
  const cacheEntries = checkLimit(opts.cacheEntries, 'options.cacheEntries', DEFAULT_CACHE_ENTRIES)
  if (opts.keepAdjacency !== undefined && typeof opts.keepAdjacency !== 'boolean') {
    throw invalidArgument('options.keepAdjacency', 'a boolean', opts.keepAdjacency)
  }
  return {
    store: namespace === undefined ? store : store.namespace(namespace),
    cacheEntries,
    keepAdjacency: opts.keepAdjacency ?? true,
  }
}

/** A shortest path's `weight` option: a property name or a function of the edge. */
export function checkWeight(weight: unknown): Weight | undefined {
  if (
    weight !== undefined &&
    typeof weight !== 'function' &&
    (typeof weight !== 'string' || weight === '')
  ) {
    throw invalidArgument('options.weight', 'a property name or a function of the edge', weight)
  }
  return weight as Weight | undefined
}

/** Graph.view's options, checked (the node last: it matters only for a neighbourhood). */
export function checkView(options: unknown) {
  const opts = checkOptions<ViewOptions>(options)
  const depth = opts.depth === undefined ? 1 : checkBound(opts.depth, 'options.depth')
  const traversal = checkTraversal(opts)
  const nodeTypes = checkNodeTypes(opts.nodeTypes, 'options.nodeTypes')
  const maxEdges = checkBound(opts.maxEdges, 'options.maxEdges')
  const node = opts.node === undefined ? undefined : checkNode(opts.node, 'options.node')
  return { depth, ...traversal, nodeTypes, maxEdges, node }
}

/** Graph.toGraphology's options, checked. */
export function checkExport(options: unknown) {
  const opts = checkOptions<ToGraphologyOptions>(options)
  const traversal = checkTraversal(opts)
  const maxEdges = checkBound(opts.maxEdges, 'options.maxEdges')
  return {
    ...traversal,
    maxEdges,
    start: opts.start === undefined ? undefined : checkNode(opts.start, 'options.start'),
  }
}
