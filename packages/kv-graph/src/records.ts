import type { KvRecord, Store } from '@kvgraph/core'
import type { RawSubgraph } from './algorithms/subgraph.js'
import {
  componentEnd,
  decodeNodeCode,
  FAMILY_LENGTH,
  NODE_FAMILY,
  unescapeComponent,
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
  ownerLength = componentEnd(record.key, componentEnd(record.key, FAMILY_LENGTH)),
): Edge {
  const key = record.key
  const typeEnd = key.indexOf('\0\0', ownerLength)
  const owner = decoder.ref(key.slice(FAMILY_LENGTH, ownerLength))
  const other = decoder.ref(key.slice(typeEnd + 2))
  const type = unescapeComponent(key.slice(ownerLength, typeEnd))
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
  readonly #edgeType = new RepeatedComponent(nameOf, '')
  readonly #otherType = new RepeatedComponent(nameOf, '')

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
    const other = { type: this.#otherType.value, id: unescapeComponent(key.slice(idStart, -2)) }
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

/** A component's decoded string (the component has its terminator). */
function nameOf(component: string): string {
  return unescapeComponent(component.slice(0, -2))
}
