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

export const TERMINATOR = '\0\0'

/** Escapes one component and appends the terminator. */
export function encodeComponent(value: string): string {
  return value.includes('\0') ? `${value.replaceAll('\0', '\0\x01')}\0\0` : `${value}\0\0`
}

/** Reverses the escaping of one component (without its terminator). */
export function unescapeComponent(escaped: string): string {
  return escaped.includes('\0') ? escaped.replaceAll('\0\x01', '\0') : escaped
}

/** The index just past the terminator of the component starting at `start`, or -1. */
export function componentEnd(key: string, start: number): number {
  const at = key.indexOf(TERMINATOR, start)
  return at < 0 ? -1 : at + TERMINATOR.length
}

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

/** Splits an encoded tuple into its decoded components; undefined when it is not one. */
export function decodeTuple(encoded: string): string[] | undefined {
  const parts: string[] = []
  let start = 0
  while (start < encoded.length) {
    const end = componentEnd(encoded, start)
    if (end < 0) return undefined
    parts.push(unescapeComponent(encoded.slice(start, end - TERMINATOR.length)))
    start = end
  }
  return parts
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

/** UTF-8 byte length of a string. */
export function utf8Length(value: string): number {
  return value.length * 3 <= 1024 ? utf8LengthSlow(value) : Buffer.byteLength(value)
}

function utf8LengthSlow(value: string): number {
  let bytes = 0
  for (let i = 0; i < value.length; i++) {
    const c = value.charCodeAt(i)
    if (c < 0x80) bytes += 1
    else if (c < 0x800) bytes += 2
    else if (c >= 0xd800 && c <= 0xdbff) {
      bytes += 4
      i++
    } else bytes += 3
  }
  return bytes
}
