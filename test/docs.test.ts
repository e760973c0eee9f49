// The docs cannot rot: every TypeScript snippet of a guide runs (per page, in order), the API
// reference sketches parse, every Markdown page is accounted for, and the Mermaid block in
// rendering.md is the committed diagram.
import { execFile } from 'node:child_process'
import { mkdirSync, mkdtempSync, readFileSync, rmSync, writeFileSync } from 'node:fs'
import { tmpdir } from 'node:os'
import { join } from 'node:path'
import { fileURLToPath } from 'node:url'
import { promisify } from 'node:util'
import ts from 'typescript'
import { afterAll, describe, expect, it } from 'vitest'
import { fences, markdownPages, scriptBlocks, scriptFenceLines } from './support/markdown.js'

const root = fileURLToPath(new URL('..', import.meta.url))
// Scripts live inside the repository so `@kvgraph/*` resolve to the built packages.
const scripts = join(root, 'test', '.docs-run')
const cwd = mkdtempSync(join(tmpdir(), 'kv-docs-'))
mkdirSync(scripts, { recursive: true })
afterAll(() => {
  rmSync(cwd, { recursive: true, force: true })
  rmSync(scripts, { recursive: true, force: true })
})

/** Guides: their TypeScript snippets run, each page's as one script, in order. */
const RUN = [
  'docs/getting-started.md',
  'docs/graph-queries.md',
  'docs/key-layout.md',
  'docs/rendering.md',
  'docs/tasks.md',
]
/**
 * API references: a line per call, using names their prose introduces (a `signal`, a `cursor`,
 * a `view`, an open store), so they cannot run as they stand; each snippet must parse.
 */
const SKETCH = [
  'README.md',
  'docs/backup.md',
  'packages/kv-core/README.md',
  'packages/kv-postgres/README.md',
  'packages/kv-graph/GRAPH.md',
  'packages/kv-graph/RENDER.md',
  // Browser code: its sketches parse; the Chromium tests run the same calls.
  'docs/browser.md',
]
/** Pages without TypeScript. */
const NONE = [
  'ARCHITECTURE.md',
  'bench/results/browser-small.md',
  'bench/results/browser.md',
  'bench/results/latest.md',
  'bench/results/postgres-failover.md',
  'bench/results/postgres-small.md',
  'bench/results/postgres.md',
  'bench/results/small.md',
  'bench/results/tasks.md',
  'docs/cli.md',
  // Shell only: its curl session runs against `kv serve` (the shell snippets test below).
  'docs/http.md',
  // Its examples need a PostgreSQL server: SQL and shell only, checked by the postgres tests.
  'docs/postgres.md',
]

const read = (page: string) => readFileSync(join(root, page), 'utf8')
const pages = markdownPages(root, ['test/.docs-run'])

describe('docs snippets', () => {
  it('every page has runnable snippets or none', () => {
    // A new page must be listed: its snippets run (RUN), parse (SKETCH), or it has none (NONE).
    expect(pages, 'every Markdown page is listed in RUN, SKETCH or NONE').toEqual(
      [...RUN, ...SKETCH, ...NONE].sort(),
    )
    for (const page of pages) {
      const text = read(page)
      const opened = scriptFenceLines(text)
      expect(scriptBlocks(text).length, `${page}: a TypeScript block the parser missed`).toBe(
        opened,
      )
      if (NONE.includes(page)) expect(opened, `${page} is listed without snippets`).toBe(0)
      else expect(opened, `${page} is listed with snippets but has none`).toBeGreaterThan(0)
    }
  })

  for (const page of RUN) {
    const code = scriptBlocks(read(page))
    it(`${page}: its ${code.length} TypeScript snippets run`, async () => {
      const file = join(scripts, `${page.replaceAll('/', '-').replace('.md', '')}.mts`)
      writeFileSync(file, code.join('\n'))
      const tsx = join(root, 'node_modules', '.bin', 'tsx')
      const { stderr } = await promisify(execFile)(tsx, [file], { cwd })
      expect(stderr.replace(/npm warn.*\n/g, '')).toBe('')
    })
  }

  for (const page of SKETCH) {
    const code = scriptBlocks(read(page))
    it(`${page}: its ${code.length} TypeScript sketches parse`, () => {
      for (const [i, snippet] of code.entries()) {
        // `export {}` makes each a module, where top-level await is allowed.
        const { diagnostics = [] } = ts.transpileModule(`${snippet}\nexport {}\n`, {
          reportDiagnostics: true,
          compilerOptions: { module: ts.ModuleKind.ESNext, target: ts.ScriptTarget.ES2022 },
        })
        const errors = diagnostics.map((d) => ts.flattenDiagnosticMessageText(d.messageText, '\n'))
        expect(errors, `${page}, TypeScript snippet ${i + 1}`).toEqual([])
      }
    })
  }

  for (const page of pages.filter((name) => name.startsWith('docs/'))) {
    const shell = fences(read(page))
      .filter((fence) => fence.language === 'sh')
      .map((fence) => fence.body)
    if (shell.length === 0) continue
    it(`${page}: its ${shell.length} shell snippets run with the built kv`, async () => {
      const dir = mkdtempSync(join(cwd, 'sh-'))
      const path = `${join(root, 'node_modules', '.bin')}:${process.env.PATH}`
      const script = `set -euo pipefail\n${shell.join('\n')}`
      const { stderr } = await promisify(execFile)('bash', ['-c', script], {
        cwd: dir,
        env: { ...process.env, PATH: path },
      })
      expect(stderr).not.toMatch(/^kv: /m)
    })
  }

  it('rendering.md shows the committed Mermaid diagram', () => {
    const [mermaid] = fences(read('docs/rendering.md')).filter((f) => f.language === 'mermaid')
    const committed = readFileSync(
      join(root, 'docs', 'diagrams', 'alice-neighbourhood.mmd'),
      'utf8',
    )
    expect(mermaid?.body).toBe(`${committed.trimEnd()}\n`)
  })
})
