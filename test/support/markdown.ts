// Markdown pages of the repository and their fenced code blocks, for the docs test.
import { readdirSync } from 'node:fs'
import { join, relative, sep } from 'node:path'

/** Fence languages whose blocks are TypeScript or JavaScript: what the docs test runs or parses. */
export const SCRIPT_LANGUAGES = [
  'ts',
  'typescript',
  'tsx',
  'mts',
  'cts',
  'js',
  'javascript',
  'jsx',
  'mjs',
  'cjs',
]

const SKIPPED_FOLDERS = new Set(['node_modules', 'dist', '.git', '.turbo', 'data', 'coverage'])

/** Every `.md` file of the repository (build output, dependencies and data left out), sorted. */
export function markdownPages(root: string, skip: string[] = []): string[] {
  const pages: string[] = []
  const walk = (dir: string) => {
    for (const entry of readdirSync(dir, { withFileTypes: true })) {
      const path = join(dir, entry.name)
      const name = relative(root, path).split(sep).join('/')
      if (SKIPPED_FOLDERS.has(entry.name) || skip.includes(name)) continue
      if (entry.isDirectory()) walk(path)
      else if (entry.name.endsWith('.md')) pages.push(name)
    }
  }
  walk(root)
  return pages.sort()
}

export interface Fence {
  /** The first word of the info string, lower-cased ('' when there is none). */
  language: string
  body: string
}

/**
 * The fenced code blocks of a page (CommonMark fences: three or more backticks or tildes, closed
 * by a line of at least as many of the same character). An unclosed fence runs to the end.
 */
export function fences(markdown: string): Fence[] {
  const found: Fence[] = []
  let open: { marker: string; language: string; lines: string[] } | undefined
  for (const line of markdown.split('\n')) {
    if (open) {
      const close = /^\s*(`{3,}|~{3,})\s*$/.exec(line)
      if (close && close[1]![0] === open.marker[0] && close[1]!.length >= open.marker.length) {
        found.push({ language: open.language, body: `${open.lines.join('\n')}\n` })
        open = undefined
      } else {
        open.lines.push(line)
      }
      continue
    }
    const start = /^\s*(`{3,}|~{3,})\s*([^\s`]*)/.exec(line)
    if (start) open = { marker: start[1]!, language: start[2]!.toLowerCase(), lines: [] }
  }
  if (open) found.push({ language: open.language, body: `${open.lines.join('\n')}\n` })
  return found
}

/** The blocks of a page in TypeScript or JavaScript, in page order. */
export const scriptBlocks = (markdown: string) =>
  fences(markdown)
    .filter((fence) => SCRIPT_LANGUAGES.includes(fence.language))
    .map((fence) => fence.body)

/**
 * A second, looser count of the lines that open a TypeScript or JavaScript block (any fence, any
 * case, `{.ts}` attributes too), so a block the parser above misreads cannot go unnoticed.
 */
export function scriptFenceLines(markdown: string): number {
  const languages = SCRIPT_LANGUAGES.join('|')
  const pattern = new RegExp(`^\\s*(?:\`{3,}|~{3,})\\s*\\{?\\.?(?:${languages})(?![\\w-])`, 'gim')
  return markdown.match(pattern)?.length ?? 0
}
