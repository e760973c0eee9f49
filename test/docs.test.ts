// The docs cannot rot: every ```ts snippet runs (per page, in order), and the Mermaid block in
// rendering.md is the committed diagram.
import { execFile } from 'node:child_process'
import { mkdirSync, mkdtempSync, readdirSync, readFileSync, rmSync, writeFileSync } from 'node:fs'
import { tmpdir } from 'node:os'
import { join } from 'node:path'
import { fileURLToPath } from 'node:url'
import { promisify } from 'node:util'
import { afterAll, describe, expect, it } from 'vitest'

const root = fileURLToPath(new URL('..', import.meta.url))
const docs = join(root, 'docs')
// Scripts live inside the repository so `@kvgraph/*` resolve to the built packages.
const scripts = join(root, 'test', '.docs-run')
const cwd = mkdtempSync(join(tmpdir(), 'kv-docs-'))
mkdirSync(scripts, { recursive: true })
afterAll(() => {
  rmSync(cwd, { recursive: true, force: true })
  rmSync(scripts, { recursive: true, force: true })
})

function blocks(markdown: string, lang: string): string[] {
  const pattern = new RegExp(`^\`\`\`${lang}\\n([\\s\\S]*?)^\`\`\``, 'gm')
  return [...markdown.matchAll(pattern)].map((match) => match[1]!)
}

const pages = readdirSync(docs).filter((name) => name.endsWith('.md'))

describe('docs snippets', () => {
  it('every page has runnable snippets or none', () => {
    expect(pages).toEqual(
      expect.arrayContaining([
        'getting-started.md',
        'graph-queries.md',
        'rendering.md',
        'key-layout.md',
      ]),
    )
  })

  for (const page of pages) {
    const code = blocks(readFileSync(join(docs, page), 'utf8'), 'ts')
    if (code.length === 0) continue
    it(`${page}: its ${code.length} TypeScript snippets run`, async () => {
      const file = join(scripts, `${page.replace('.md', '')}.mts`)
      writeFileSync(file, code.join('\n'))
      const tsx = join(root, 'node_modules', '.bin', 'tsx')
      const { stderr } = await promisify(execFile)(tsx, [file], { cwd })
      expect(stderr.replace(/npm warn.*\n/g, '')).toBe('')
    })
  }

  for (const page of pages) {
    const shell = blocks(readFileSync(join(docs, page), 'utf8'), 'sh')
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
    const [mermaid] = blocks(readFileSync(join(docs, 'rendering.md'), 'utf8'), 'mermaid')
    const committed = readFileSync(join(docs, 'diagrams', 'alice-neighbourhood.mmd'), 'utf8')
    expect(mermaid).toBe(`${committed.trimEnd()}\n`)
  })
})
