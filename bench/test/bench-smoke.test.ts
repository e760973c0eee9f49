// Runs the whole suite at --scale small, as CI does, and checks the report's shape: every
// section and row, and a finite positive ratio in every row. No timing assertions.
import { execFile } from 'node:child_process'
import { mkdtempSync, readFileSync, rmSync } from 'node:fs'
import { createRequire } from 'node:module'
import { tmpdir } from 'node:os'
import { join } from 'node:path'
import { fileURLToPath } from 'node:url'
import { promisify } from 'node:util'
import { afterAll, beforeAll, describe, expect, it } from 'vitest'

const root = fileURLToPath(new URL('../..', import.meta.url))
const tsx = createRequire(import.meta.url).resolve('tsx/cli')
const dir = mkdtempSync(join(tmpdir(), 'kvgraph-bench-smoke-'))
const out = join(dir, 'small.md')
let report = ''

beforeAll(async () => {
  await promisify(execFile)(
    process.execPath,
    [tsx, 'bench/src/main.ts', '--scale', 'small', '--out', out],
    { cwd: root, maxBuffer: 16 << 20 },
  )
  report = readFileSync(out, 'utf8')
}, 170_000)

afterAll(() => rmSync(dir, { recursive: true, force: true }))

/** The rows of the table under `## title...`, as arrays of cells. */
function tableOf(title: string): string[][] {
  const start = report.indexOf(`## ${title}`)
  expect(start, `section ${title}`).toBeGreaterThanOrEqual(0)
  const end = report.indexOf('\n## ', start + 1)
  const lines = report.slice(start, end === -1 ? undefined : end).split('\n')
  return lines
    .filter((line) => line.startsWith('| ') && !/^\| (operation |-{3,})/.test(line))
    .map((line) =>
      line
        .slice(1, -1)
        .split(' | ')
        .map((cell) => cell.trim()),
    )
}

const sections: Record<string, string[]> = {
  Core: [
    'mutate of 1,000 puts',
    'put, 1 at a time (new keys)',
    'get, 1 at a time',
    'get, 8 in flight',
    'getMany of 100',
    'prefix scan of 10 keys',
    'put, 1 at a time, change stream off',
  ],
  'Graph writes': [
    'import 50,000 edges (default batches of 1,000',
    'import 50,000 edges (batches of 10,000',
    'import 50,000 edges',
    'load the whole graph',
    'addEdge, awaited 1 at a time',
    'addEdge, 100 in flight',
    'addEdge, 100 in flight',
  ],
  'Graph reads': [
    'outgoing()',
    'outgoing()',
    'edges of the graph / time), new Graph: reads LevelDB',
    'edges of the graph / time), adjacency held by the Graph',
    'random pairs, new Graph: reads LevelDB',
    'random pairs, adjacency held by the Graph',
    'shortest path (weighted',
  ],
  Memory: ['peak RSS growth during import', 'peak RSS growth during bfs'],
  'Size on disk': [
    'after import',
    'after import',
    'after a full compaction',
    'after a full compaction',
  ],
}

describe('npm run bench -- --scale small', () => {
  it('reports the machine', () => {
    for (const field of ['CPU', 'RAM', 'Node', 'OS', 'load average', 'libraries']) {
      expect(report).toContain(`| ${field}`)
    }
  })

  for (const [title, operations] of Object.entries(sections)) {
    it(`has the ${title} table with every row and a finite positive ratio`, () => {
      const rows = tableOf(title)
      expect(rows.map((cells) => cells[0])).toHaveLength(operations.length)
      rows.forEach((cells, i) => {
        expect(cells[0]).toContain(operations[i])
        expect(cells[4]).toMatch(/^\d+(\.\d+)?x$/)
        const ratio = Number.parseFloat(cells[4]!)
        expect(Number.isFinite(ratio) && ratio > 0, `${cells[0]}: ratio ${cells[4]}`).toBe(true)
        expect(cells[6]).toMatch(/^(met|NOT met|-)$/)
      })
    })
  }

  it('lists where every target stands and the checks that passed', () => {
    const targets = report.slice(report.indexOf('## Targets')).split('\n## ')[0]!
    // mutate, put x2, get x2, import x2, addEdge x2, outgoing x2, bfs x2 (new Graph, held
    // adjacency), hops x2, weighted, bfs RSS
    expect(targets.match(/^- (met|NOT met): /gm)).toHaveLength(17)
    expect(report).toContain('## Correctness checks (all passed')
  })
})
