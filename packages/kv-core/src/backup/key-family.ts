/**
 * Which family a raw engine key belongs to (records/keyspace.ts): its space prefix, the tag
 * letter after it ('d' record, 't' type index, 'm' meta, 's' stream chunk, 'x' expiry index) and
 * the rest. A space prefix is whole segments, and inside a segment '\0' is always followed by
 * '\x01' (escaped) or '\0' (end of segment), so the first '\0' at a segment boundary followed by
 * anything else is the tag. Undefined for a key outside the layout (kept as it is by a backup).
 */
export interface KeyFamily {
  space: string
  tag: string
  rest: string
}

export function keyFamily(key: string): KeyFamily | undefined {
  const at = tagAt(key)
  return at < 0
    ? undefined
    : { space: key.slice(0, at), tag: key[at + 1]!, rest: key.slice(at + 2) }
}

/** Where a key's tag ('\0' then the letter) starts, or -1: keyFamily without cutting strings. */
export function tagAt(key: string): number {
  let i = 0
  for (;;) {
    const zero = key.indexOf('\0', i)
    if (zero === -1 || zero + 1 >= key.length) return -1
    const next = key.charCodeAt(zero + 1)
    if (next !== 1 && next !== 0) return zero
    i = zero + 2
  }
}
