import { encodeComponent } from './key-codec.js'

/**
 * The internal key layout. Every store space (the root store or a namespace) owns the keys that
 * start with its space prefix; inside a space, a tag after `\0` selects the key family:
 *
 *   space prefix = for each namespace segment: escape(segment) + '\0\0'   (root: '')
 *   record       = space + '\0d' + userKey
 *   type index   = space + '\0t' + escape(type) + '\0\0' + userKey   (non-default types only)
 *   meta         = space + '\0m' + name
 *   stream entry = space + '\0s' + fixedWidth(seq)
 *   expiry index = '\0x' + fixedWidth(expiresAt) + internal record key   (root level, all spaces)
 *
 * escape(s) + '\0\0' is `encodeComponent(s)` (key-codec.ts, the one escaping in kvgraph): it
 * turns '\0' into '\0\x01', so a segment never contains '\0\0' and never starts with '\0'
 * followed by a tag letter: no namespace, key or type can leak into another one's range.
 */
export const TAG_RECORD = '\0d'
export const TAG_TYPE_INDEX = '\0t'
export const TAG_META = '\0m'

/** The space prefix of a namespace nested inside `parent`. */
export function childSpace(parent: string, name: string): string {
  return parent + encodeComponent(name)
}

export function typeIndexPrefix(space: string, type: string): string {
  return space + TAG_TYPE_INDEX + encodeComponent(type)
}

export const TAG_STREAM = '\0s'
/** The expiry index is global (root level): `'\0x' + expiryStamp(ms) + internal record key`. */
export const TAG_EXPIRY = '\0x'

/** Fixed-width decimal, so byte order equals numeric order (up to 10^16 - 1). */
export function fixedWidth(n: number): string {
  return String(n).padStart(16, '0')
}

export function streamKey(space: string, seq: number): string {
  return space + TAG_STREAM + fixedWidth(seq)
}

export function expiryKey(expiresAt: number, internalRecordKey: string): string {
  return TAG_EXPIRY + fixedWidth(expiresAt) + internalRecordKey
}

export function metaKey(space: string, name: string): string {
  return space + TAG_META + name
}

/**
 * Splits an internal record key into its space prefix and user key. Parses segment by segment:
 * inside a segment '\0' is always followed by '\x01' (escaped) or '\0' (end of segment), so the
 * first '\0d' found at a segment boundary starts the record family.
 */
export function splitRecordKey(internal: string): { space: string; key: string } | undefined {
  let i = 0
  for (;;) {
    const zero = internal.indexOf('\0', i)
    if (zero === -1) return undefined
    const next = internal[zero + 1]
    if (next === 'd') return { space: internal.slice(0, zero), key: internal.slice(zero + 2) }
    if (next !== '\x01' && next !== '\0') return undefined
    i = zero + 2
  }
}

/**
 * Written first by a restore and removed last (backup/restore.ts): while it exists the store is
 * half-restored, and openStore refuses it (one point read).
 */
export const RESTORE_MARKER = `${TAG_META}restore.incomplete`
