// The shape of the code: no import cycles among the sources, and no source file over 400 lines
// (house style: small files, one concept each). Tests are exempt from both.
import { readdirSync, readFileSync } from 'node:fs'
import { join } from 'node:path'
import { fileURLToPath } from 'node:url'
import { describe, expect, it } from 'vitest'
import {
  findCycles,
  formatCycle,
  importGraph,
  lineCount,
  sourceFiles,
} from './support/import-cycles.js'

const root = fileURLToPath(new URL('..', import.meta.url))
const MAX_LINES = 400

const subfolders = (dir: string) =>
  readdirSync(join(root, dir), { withFileTypes: true })
    .filter((entry) => entry.isDirectory())
    .map((entry) => `${dir}/${entry.name}/src`)

const files = sourceFiles(root, [...subfolders('packages'), ...subfolders('examples'), 'bench/src'])

describe('architecture', () => {
  it('reads the sources of every package, example and the bench', () => {
    for (const entry of [
      'packages/kv-core/src/index.ts',
      'packages/kv-graph/src/index.ts',
      'packages/kv-cli/src/program.ts',
      'examples/social-graph/src/main.ts',
      'bench/src/main.ts',
    ]) {
      expect(files).toContain(entry)
    }
    const graph = importGraph(root, files)
    // The entry points reach most of the code: the parse and the resolution are working.
    expect(graph.get('packages/kv-core/src/index.ts')!.length).toBeGreaterThan(3)
  })

  it('has no import cycles among the sources', () => {
    const cycles = findCycles(importGraph(root, files)).map(formatCycle)
    expect(cycles, 'import cycles (type-only imports count too)').toEqual([])
  })

  it(`has no source file over ${MAX_LINES} lines`, () => {
    const long = files
      .map((file) => ({ file, lines: lineCount(readFileSync(join(root, file), 'utf8')) }))
      .filter(({ lines }) => lines > MAX_LINES)
      .map(({ file, lines }) => `${file}: ${lines} lines`)
    expect(long, `split these files (at most ${MAX_LINES} lines each)`).toEqual([])
  })
})
