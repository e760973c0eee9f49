/**
 * The one escaping of variable key parts, shared by the store's key layout (namespace segments,
 * type index) and the graph's keys (types, ids). A component is its text with every '\0' turned
 * into '\0\x01', then the terminator '\0\0':
 *
 *   encodeComponent('a\0b') === 'a\0\x01b\0\0'
 *
 * An encoded component never contains '\0\0' before its terminator, so the first '\0\0' after a
 * component starts always ends it: the encoding is injective and prefix-free (no component or
 * tuple of them is a prefix of a different one), and it preserves order (tuples sort by their
 * components in UTF-8 byte order).
 */
export const TERMINATOR = '\0\0'

/** Escapes one component and appends the terminator. */
export function encodeComponent(value: string): string {
  return value.includes('\0') ? `${value.replaceAll('\0', '\0\x01')}\0\0` : `${value}\0\0`
}

/** Reverses the escaping of one component (given without its terminator). */
export function unescapeComponent(escaped: string): string {
  return escaped.includes('\0') ? escaped.replaceAll('\0\x01', '\0') : escaped
}

/** The index just past the terminator of the component starting at `start`, or -1. */
export function componentEnd(key: string, start: number): number {
  const at = key.indexOf(TERMINATOR, start)
  return at < 0 ? -1 : at + 2
}

/** Splits an encoded tuple into its decoded components; undefined when it is not one. */
export function decodeTuple(encoded: string): string[] | undefined {
  const parts: string[] = []
  let start = 0
  while (start < encoded.length) {
    const end = componentEnd(encoded, start)
    if (end < 0) return undefined
    parts.push(unescapeComponent(encoded.slice(start, end - 2)))
    start = end
  }
  return parts
}
