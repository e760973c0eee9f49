// The cycle finder of architecture.test.ts, on a tiny tree written for the test.
import { mkdirSync, mkdtempSync, rmSync, writeFileSync } from 'node:fs'
import { tmpdir } from 'node:os'
import { dirname, join } from 'node:path'
import { afterAll, describe, expect, it } from 'vitest'
import {
  findCycles,
  formatCycle,
  importGraph,
  importSpecifiers,
  lineCount,
  resolveSpecifier,
  sourceFiles,
} from './support/import-cycles.js'

const root = mkdtempSync(join(tmpdir(), 'kv-import-cycles-'))
afterAll(() => rmSync(root, { recursive: true, force: true }))

function write(files: Record<string, string>): void {
  for (const [path, text] of Object.entries(files)) {
    mkdirSync(dirname(join(root, path)), { recursive: true })
    writeFileSync(join(root, path), text)
  }
}

write({
  // a -> b -> c -> a, through a type-only import, an `export ... from` and an index folder.
  'pkg/src/a.ts': "import type { B } from './b.js'\nexport type A = B\n",
  'pkg/src/b.ts': "export { c } from './c/index.js'\nexport type B = number\n",
  'pkg/src/c/index.ts': "import { a } from '../a'\nexport const c = a\n",
  // d -> e only; the comment and the string name a and d but import nothing.
  'pkg/src/d.ts':
    "import { e } from './e.js'\nimport { x } from 'some-package'\n// import { a } from './a.js'\n",
  'pkg/src/e.ts': 'export const e = "import { d } from \'./d.js\'"\n',
  // f imports itself.
  'pkg/src/f.ts': "import './f.js'\n",
  // g <-> h, and h -> a (into the other cycle, which does not merge them).
  'pkg/src/g.ts': "import { h } from './h.js'\n",
  'pkg/src/h.ts': "import { g } from './g.js'\nimport type { A } from './a.js'\n",
  'pkg/README.md': 'not a source',
  'other/src/z.ts': "import { a } from '../../pkg/src/a.js'\n",
})

describe('import cycles', () => {
  it('lists the .ts files below the folders asked for', () => {
    expect(sourceFiles(root, ['pkg/src', 'missing/src'])).toEqual([
      'pkg/src/a.ts',
      'pkg/src/b.ts',
      'pkg/src/c/index.ts',
      'pkg/src/d.ts',
      'pkg/src/e.ts',
      'pkg/src/f.ts',
      'pkg/src/g.ts',
      'pkg/src/h.ts',
    ])
  })

  it('reads static imports and re-exports, not comments or strings', () => {
    expect(
      importSpecifiers(
        "import type { T } from './t.js'\nimport './side.js'\nexport * from './all.js'\n" +
          "export { x } from './x.js'\n// import y from './y.js'\nconst s = \"from './s.js'\"\n",
      ),
    ).toEqual(['./t.js', './side.js', './all.js', './x.js'])
  })

  it('resolves .js to .ts, a folder to its index, and leaves packages out', () => {
    const files = new Set(['p/a.ts', 'p/c/index.ts', 'q/b.ts'])
    expect(resolveSpecifier('p/x.ts', './a.js', files)).toBe('p/a.ts')
    expect(resolveSpecifier('p/x.ts', './a', files)).toBe('p/a.ts')
    expect(resolveSpecifier('p/x.ts', './c/index.js', files)).toBe('p/c/index.ts')
    expect(resolveSpecifier('p/x.ts', './c', files)).toBe('p/c/index.ts')
    expect(resolveSpecifier('p/c/index.ts', '../../q/b.js', files)).toBe('q/b.ts')
    expect(resolveSpecifier('p/x.ts', 'q/b.js', files)).toBeUndefined()
    expect(resolveSpecifier('p/x.ts', './missing.js', files)).toBeUndefined()
  })

  it('finds every cycle, type-only imports included, and nothing else', () => {
    const files = sourceFiles(root, ['pkg/src', 'other/src'])
    const graph = importGraph(root, files)
    expect(graph.get('pkg/src/d.ts')).toEqual(['pkg/src/e.ts'])
    expect(graph.get('pkg/src/e.ts')).toEqual([])
    expect(findCycles(graph).map(formatCycle)).toEqual([
      'pkg/src/a.ts -> pkg/src/b.ts -> pkg/src/c/index.ts -> pkg/src/a.ts',
      'pkg/src/f.ts -> pkg/src/f.ts',
      'pkg/src/g.ts -> pkg/src/h.ts -> pkg/src/g.ts',
    ])
  })

  it('finds none in a graph without cycles, however deep', () => {
    const chain = new Map<string, string[]>()
    for (let i = 0; i < 20_000; i++) chain.set(`m${i}`, i + 1 < 20_000 ? [`m${i + 1}`] : [])
    expect(findCycles(chain)).toEqual([])
    chain.set('m19999', ['m0'])
    const [cycle, ...others] = findCycles(chain)
    expect(others).toEqual([])
    expect(cycle).toHaveLength(20_000)
    expect(cycle!.slice(0, 3)).toEqual(['m0', 'm1', 'm2'])
  })

  it('counts lines as an editor numbers them', () => {
    expect(lineCount('')).toBe(0)
    expect(lineCount('a')).toBe(1)
    expect(lineCount('a\n')).toBe(1)
    expect(lineCount('a\nb')).toBe(2)
    expect(lineCount('a\n\n')).toBe(2)
  })
})
