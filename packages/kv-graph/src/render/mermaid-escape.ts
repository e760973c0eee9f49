// The ASCII characters kept as they are; every other ASCII character is encoded. The set holds
// nothing Mermaid reads inside a quoted label or in its whole-text passes (`%%{init}%%`
// directives, `#…;` entities, `<tag>` clean-up, markdown backticks, the `\n` line break).
const SAFE_ASCII = /^[A-Za-z0-9 .,:_@/-]$/

// Outside ASCII: control, format, private-use and unassigned code points, and separators other
// than the space (U+2028 would end a line for Mermaid's regexes; trim() eats NBSP). Also U+FB02 and
// U+00B6, which Mermaid uses internally to mark encoded entities (`ﬂ°°35¶ß`).
const UNSAFE_UNICODE = /^[\p{C}\p{Z}\uFB02\u00B6]$/u

const encode = (char: string) => `#${char.codePointAt(0)};`

// Mermaid's entity pre-pass runs /style.*:\S*#.*;/ and /classDef.*:\S*#.*;/ over each line and
// drops the last `;` of a match, which would break the last entity code of the label. Both need
// the keyword verbatim, so its first letter is encoded wherever data spells it.
const PRE_PASS_KEYWORDS = /style|classDef/g

/**
 * Encodes label text (see `displayText`) for a quoted Mermaid label `"…"`. Characters that could
 * end the string or be read as syntax, HTML or a directive become `#NNN;` entity codes, which
 * Mermaid turns into HTML character references that only ever show as text. A line break
 * becomes `<br>`, Mermaid's own line break (data `<` is always encoded, so this one is ours).
 * Mermaid trims labels, so a leading or trailing space is encoded too.
 */
export function mermaidLabel(text: string): string {
  const chars = Array.from(text)
  return chars
    .map((char, i) => {
      if (char === '\n') return '<br>'
      if (char === ' ') return i === 0 || i === chars.length - 1 ? encode(char) : char
      const safe =
        char.length === 1 && char < '\x80' ? SAFE_ASCII.test(char) : !UNSAFE_UNICODE.test(char)
      return safe ? char : encode(char)
    })
    .join('')
    .replace(PRE_PASS_KEYWORDS, (word) => `${encode(word[0]!)}${word.slice(1)}`)
}
