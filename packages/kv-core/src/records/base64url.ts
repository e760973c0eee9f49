/**
 * base64url (RFC 4648 §5, no padding) over the UTF-8 bytes of a string, without Node's Buffer,
 * so cursors are the same in Node and in a browser. Byte-for-byte what
 * `Buffer.from(text).toString('base64url')` gives, so cursors issued before still decode.
 */
const ALPHABET = 'ABCDEFGHIJKLMNOPQRSTUVWXYZabcdefghijklmnopqrstuvwxyz0123456789-_'
const VALUES = new Map([...ALPHABET].map((char, i) => [char, i]))

export function encodeBase64url(text: string): string {
  const bytes = new TextEncoder().encode(text)
  let out = ''
  for (let i = 0; i < bytes.length; i += 3) {
    const n = (bytes[i]! << 16) | ((bytes[i + 1] ?? 0) << 8) | (bytes[i + 2] ?? 0)
    const chars = Math.min(4, Math.ceil(((bytes.length - i) * 8) / 6))
    for (let c = 0; c < chars; c++) out += ALPHABET[(n >> (18 - 6 * c)) & 63]
  }
  return out
}

/** The text a base64url string encodes; throws on characters outside the alphabet or bad UTF-8. */
export function decodeBase64url(encoded: string): string {
  // Padding is accepted, as Buffer accepts it.
  const body = encoded.replace(/={1,2}$/, '')
  if (body.length % 4 === 1) throw new Error('base64url: truncated input')
  const bytes = new Uint8Array(Math.floor((body.length * 6) / 8))
  let bits = 0
  let buffer = 0
  let at = 0
  for (const char of body) {
    const value = VALUES.get(char)
    if (value === undefined) throw new Error('base64url: not a base64url character')
    buffer = ((buffer << 6) | value) & 0xffffff
    bits += 6
    if (bits >= 8) {
      bits -= 8
      bytes[at++] = (buffer >> bits) & 0xff
    }
  }
  return new TextDecoder('utf-8', { fatal: true }).decode(bytes)
}
