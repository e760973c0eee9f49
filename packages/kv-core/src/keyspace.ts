/**
 * The internal key layout. Every store space (the root store or a namespace) owns the keys that
 * start with its space prefix; inside a space, a tag after `\0` selects the key family:
 *
 *   space prefix = for each namespace segment: escape(segment) + '\0\0'   (root: '')
 *   record       = space + '\0d' + userKey
 *   type index   = space + '\0t' + escape(type) + '\0\0' + userKey   (non-default types only)
 *   meta         = space + '\0m' + name
 *
 * escape() turns '\0' into '\0\x01', so a segment never contains '\0\0' and never starts with
 * '\0' followed by a tag letter: no namespace, key or type can leak into another one's range.
 */
export const TAG_RECORD = '\0d'
export const TAG_TYPE_INDEX = '\0t'
export const TAG_META = '\0m'

export function escapeSegment(segment: string): string {
  return segment.includes('\0') ? segment.replaceAll('\0', '\0\x01') : segment
}

export function unescapeSegment(segment: string): string {
  return segment.includes('\0') ? segment.replaceAll('\0\x01', '\0') : segment
}

/** The space prefix of a namespace nested inside `parent`. */
export function childSpace(parent: string, name: string): string {
  return `${parent}${escapeSegment(name)}\0\0`
}

export function typeIndexPrefix(space: string, type: string): string {
  return `${space}${TAG_TYPE_INDEX}${escapeSegment(type)}\0\0`
}
