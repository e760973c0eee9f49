const ENTITIES: Record<string, string> = {
  '&': '&amp;',
  '<': '&lt;',
  '>': '&gt;',
  '"': '&quot;',
  "'": '&apos;',
  '\t': '&#9;',
  '\n': '&#10;',
  '\r': '&#13;',
}

// Markup characters, whitespace that attribute normalisation would change, and characters
// XML 1.0 cannot hold at all (C0 controls, U+FFFE, U+FFFF, lone surrogates).
const SPECIAL =
  /[&<>"'\t\n\r\u0000-\u0008\u000b\u000c\u000e-\u001f\ufffe\uffff]|[\ud800-\udbff](?![\udc00-\udfff])|(?<![\ud800-\udbff])[\udc00-\udfff]/g

/**
 * Escapes text for XML 1.0 element content and attribute values. Characters XML 1.0 cannot
 * represent (not even as character references) become U+FFFD.
 */
export function escapeXml(text: string): string {
  return text.replace(SPECIAL, (c) => ENTITIES[c] ?? '\ufffd')
}

/** JSON text that XML can hold losslessly: JSON.stringify already escapes C0 controls and lone surrogates. */
export function xmlSafeJson(value: unknown): string {
  return JSON.stringify(value).replace(
    /[\ufffe\uffff]/g,
    (c) => `\\u${c.charCodeAt(0).toString(16)}`,
  )
}
