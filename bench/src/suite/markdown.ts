/**
 * A markdown table with padded columns, laid out as Biome formats it, so the generated reports
 * pass `biome check` as written.
 */
export function markdownTable(
  head: string[],
  align: Array<'left' | 'right'>,
  rows: string[][],
): string {
  const escaped = [head, ...rows].map((cells) => cells.map((cell) => cell.replaceAll('|', '\\|')))
  const widths = head.map((_, c) => Math.max(3, ...escaped.map((cells) => (cells[c] ?? '').length)))
  const line = (cells: string[]) =>
    `| ${cells
      .map((cell, c) =>
        align[c] === 'right' ? cell.padStart(widths[c]!) : cell.padEnd(widths[c]!),
      )
      .join(' | ')} |`
  const rule = `| ${widths.map((w, c) => (align[c] === 'right' ? `${'-'.repeat(w - 1)}:` : '-'.repeat(w))).join(' | ')} |`
  const [header, ...body] = escaped
  return [line(header!), rule, ...body.map(line)].join('\n')
}
