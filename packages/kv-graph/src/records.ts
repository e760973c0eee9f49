import type { KvRecord, Store } from '@kvgraph/core'
import type { RawPath } from './algorithms/paths.js'
import type { RawSubgraph } from './algorithms/subgraph.js'
import type { Path } from './graph-types.js'
import {
  componentEnd,
  decodeComponent,
  decodeNodeCode,
  edgeKeyOwnerEnd,
  FAMILY_LENGTH,
  NODE_FAMILY,
  outKey,
} from './key-codec.js'
import type { Scope } from './reading/scope.js'
import { RepeatedComponent } from './repeated-component.js'
import type { Edge, GraphNode, NodeRef, Props } from './types.js'

/** Decodes node codes, remembering the ones seen (many edges share their endpoints). */
export class NodeDecoder {
  readonly #refs = new Map<string, NodeRef>()

  ref(code: string): NodeRef {
    let ref = this.#refs.get(code)
    if (!ref) {
      ref = decodeNodeCode(code)
      this.#refs.set(code, ref)
    }
    return ref
  }
}

/**
 * The edge stored under a key of either family. `ownerLength` is the length of the family
 * prefix plus the owner's code, when the caller knows it (a prefix scan).
 */
export function edgeOfRecord(
  record: KvRecord,
  decoder: NodeDecoder,
  ownerLength = edgeKeyOwnerEnd(record.key),
): Edge {
  const key = record.key
  const typeEnd = componentEnd(key, ownerLength)
  const owner = decoder.ref(key.slice(FAMILY_LENGTH, ownerLength))
  const other = decoder.ref(key.slice(typeEnd))
  const type = decodeComponent(key.slice(ownerLength, typeEnd))
  const props = record.value as Props
  return key.charCodeAt(2) === 0x6f /* 'o' */
    ? { from: owner, type, to: other, props }
    : { from: other, type, to: owner, props }
}

/**
 * Decodes the edges under one node's prefix (a page or a stream of one family): the owner is
 * known, and edge types and the other ends' node types repeat, so each is decoded once per run
 * of equal components; only the other end's id is decoded per edge.
 */
export class OwnedEdgeDecoder {
  readonly #owner: NodeRef
  readonly #ownerLength: number
  readonly #outward: boolean
  readonly #edgeType = new RepeatedComponent(decodeComponent, '')
  readonly #otherType = new RepeatedComponent(decodeComponent, '')

  /** `prefixLength`: the family prefix plus the owner's code. */
  constructor(owner: NodeRef, prefixLength: number, outward: boolean) {
    this.#owner = owner
    this.#ownerLength = prefixLength
    this.#outward = outward
  }

  /** The edge stored under `key` (a key under the owner's prefix) with these props. */
  edge(key: string, props: Props): Edge {
    const otherStart = this.#edgeType.endIn(key, this.#ownerLength)
    const idStart = this.#otherType.endIn(key, otherStart)
    const other = { type: this.#otherType.value, id: decodeComponent(key.slice(idStart)) }
    const owner = { type: this.#owner.type, id: this.#owner.id }
    const type = this.#edgeType.value
    return this.#outward
      ? { from: owner, type, to: other, props }
      : { from: other, type, to: owner, props }
  }
}

const GET_MANY = 1000

/** The props of each node's record ({} without one), read in batches. */
export async function nodeProps(store: Store, codes: readonly string[]): Promise<Props[]> {
  const props: Props[] = []
  for (let at = 0; at < codes.length; at += GET_MANY) {
    const keys = codes.slice(at, at + GET_MANY).map((code) => NODE_FAMILY + code)
    for (const record of await store.getMany(keys)) props.push((record?.value as Props) ?? {})
  }
  return props
}

/** The nodes (with their record props) and edges of a subgraph a traversal found, as refs. */
export async function resolveSubgraph(
  store: Store,
  scope: Scope,
  sub: RawSubgraph,
): Promise<{ nodes: GraphNode[]; edges: Edge[] }> {
  const props = await nodeProps(
    store,
    sub.nodes.map((id) => scope.nodes.values[id]!),
  )
  return {
    nodes: sub.nodes.map((id, i) => ({ ...scope.node(id), props: props[i]! })),
    edges: sub.edges.map((e) => ({
      from: scope.node(e.from),
      type: scope.typeName(e.type),
      to: scope.node(e.to),
      props: e.props,
    })),
  }
}

/** A path a search found, as refs, with each edge's props (read in one batch). */
export async function resolvePath(store: Store, scope: Scope, path: RawPath): Promise<Path> {
  const codes = scope.nodes.values
  const keys = path.edges.map((e) =>
    outKey(codes[e.from]!, scope.types.values[e.type]!, codes[e.to]!),
  )
  const records = keys.length === 0 ? [] : await store.getMany(keys)
  return {
    nodes: path.nodes.map((id) => scope.node(id)),
    edges: path.edges.map((e, i) => ({
      from: scope.node(e.from),
      type: scope.typeName(e.type),
      to: scope.node(e.to),
      props: (records[i]?.value as Props) ?? {},
    })),
    cost: path.cost,
  }
}
