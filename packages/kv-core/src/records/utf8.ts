/**
 * The UTF-8 byte length of a string, without Node's Buffer (the store is meant to run in
 * browsers too). One pass over the UTF-16 code units, no allocation: a surrogate pair is one
 * 4-byte code point; a lone surrogate counts as U+FFFD (3 bytes), as an encoder writes it.
 */
export function utf8Length(value: string): number {
  const n = value.length
  let bytes = n // one byte per code unit, plus what wider ones add
  for (let i = 0; i < n; i++) {
    const c = value.charCodeAt(i)
    if (c < 0x80) continue
    if (c < 0x800) {
      bytes += 1
      continue
    }
    // Three bytes; a high surrogate followed by a low one is a pair: two units, four bytes.
    bytes += 2
    if (c >= 0xd800 && c <= 0xdbff && i + 1 < n) {
      const next = value.charCodeAt(i + 1)
      if (next >= 0xdc00 && next <= 0xdfff) i++
    }
  }
  return bytes
}
