import {
  componentEnd,
  encodeComponent,
  TERMINATOR,
  unescapeComponent,
} from '@kvgraph/core/internal'
import type { NodeRef } from './types.js'

/**
 * The graph's key layout inside its store (or namespace). Every variable part is one escaped,
 * terminated component:
 *
 *   enc(s)      = s with every '\0' replaced by '\0\x01', then the terminator '\0\0'
 *   node code   = enc(type) + enc(id)
 *   node record = 'g/n/' + code(node)                                   value: the node's props
 *   out edge    = 'g/o/' + code(from) + enc(edgeType) + code(to)        value: the edge's props
 *   in edge     = 'g/i/' + code(to) + enc(edgeType) + code(from)        value: the edge's props
 *
 * An encoded component never contains '\0\0' before its terminator, so the first '\0\0' after a
 * component starts always ends it: the encoding is injective and prefix-free (no component, node
 * code or tuple of them is a prefix of a different one), and it preserves order (tuples sort by
 * their components in UTF-8 byte order). Hence the out prefix of a node can only ever match that
 * node's own out edges, whatever characters its type and id contain.
 */
export const NODE_FAMILY = 'g/n/'
export const OUT_FAMILY = 'g/o/'
export const IN_FAMILY = 'g/i/'
/** Every family prefix has this many characters. */
export const FAMILY_LENGTH = 4

// The escaping itself is kv-core's (one implementation for namespaces, types and graph keys).
export { componentEnd, encodeComponent } from '@kvgraph/core/internal'

/** Decodes one component that still has its terminator (as cut out of a key). */
export function decodeComponent(component: string): string {
  return unescapeComponent(component.slice(0, -TERMINATOR.length))
}

/**
 * Where the owner's node code ends in an edge key whose code starts at `codeStart` (past the
 * family prefix, and past a store's namespace in raw keys), or -1 when the key has no owner.
 */
export function edgeKeyOwnerEnd(key: string, codeStart = FAMILY_LENGTH): number {
  const typeEnd = componentEnd(key, codeStart)
  return typeEnd < 0 ? -1 : componentEnd(key, typeEnd)
}

export function nodeCode(node: NodeRef): string {
  return encodeComponent(node.type) + encodeComponent(node.id)
}

export function decodeNodeCode(code: string): NodeRef {
  const typeEnd = componentEnd(code, 0)
  return {
    type: decodeComponent(code.slice(0, typeEnd)),
    id: decodeComponent(code.slice(typeEnd)),
  }
}

export function outKey(fromCode: string, typeComponent: string, toCode: string): string {
  return OUT_FAMILY + fromCode + typeComponent + toCode
}

export function inKey(fromCode: string, typeComponent: string, toCode: string): string {
  return IN_FAMILY + toCode + typeComponent + fromCode
}

/** The parts of an edge key of either family, still encoded. */
export interface EdgeKeyParts {
  /** The node whose adjacency the key belongs to (from for out keys, to for in keys). */
  owner: string
  /** The edge type component, escaped, without its terminator. */
  type: string
  /** The edge type component as keys hold it (escaped, with its terminator). */
  typeComponent: string
  /** The node at the other end. */
  other: string
}

/** Splits an out or in edge key; undefined when the key is not an edge key. */
export function splitEdgeKey(key: string): EdgeKeyParts | undefined {
  const ownerEnd = edgeKeyOwnerEnd(key)
  if (ownerEnd < 0) return undefined
  const typeEnd = componentEnd(key, ownerEnd)
  if (typeEnd < 0) return undefined
  return {
    owner: key.slice(FAMILY_LENGTH, ownerEnd),
    type: key.slice(ownerEnd, typeEnd - TERMINATOR.length),
    typeComponent: key.slice(ownerEnd, typeEnd),
    other: key.slice(typeEnd),
  }
}
