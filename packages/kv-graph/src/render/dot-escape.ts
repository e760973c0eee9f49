const ENTITIES: Record<string, string> = {
  '&': '&amp;',
  '<': '&lt;',
  '>': '&gt;',
  '\\': '\\\\',
  '"': '\\"',
  '\n': '\\n',
}

/**
 * Encodes label text (see `displayText`) as a Graphviz escString for a quoted DOT attribute.
 *
 * - `\` becomes `\\`: otherwise data could write escString directives such as `\N` or `\G`, and
 *   a trailing backslash would escape the closing quote. ts-graphviz does not escape backslashes.
 * - `"` becomes `\"` here rather than in ts-graphviz, which leaves a quote that follows a
 *   backslash unescaped.
 * - a line break becomes `\n`, Graphviz's centred line break.
 * - `&`, `<` and `>` become entities: Graphviz decodes entities in plain labels (so data `&lt;`
 *   would show as `<`), and ts-graphviz turns any value shaped like `<…>` into an HTML label.
 */
export function dotLabel(text: string): string {
  return text.replace(/[&<>\\"\n]/g, (char) => ENTITIES[char]!)
}
