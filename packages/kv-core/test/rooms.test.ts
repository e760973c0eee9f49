// The rooms of kv-core's src and what each may import (ARCHITECTURE.md, "kv-core"): a new import
// across rooms is a design decision, made here and in the document together. Cycles and file
// length are checked for the whole project by test/architecture.test.ts.
import { readdirSync, readFileSync } from 'node:fs'
import { dirname, join, relative, resolve, sep } from 'node:path'
import { fileURLToPath } from 'node:url'
import { describe, expect, it } from 'vitest'

const src = fileURLToPath(new URL('../src', import.meta.url))

/** Room -> the rooms it may import from (besides itself). */
const ALLOWED: Record<string, readonly string[]> = {
  errors: [],
  arguments: ['errors'],
  random: [],
  records: ['errors', 'arguments'],
  engine: ['errors', 'records', 'arguments'],
  scan: ['errors', 'records', 'engine', 'arguments'],
  writes: ['errors', 'records', 'engine', 'scan', 'arguments'],
  stream: ['errors', 'records', 'engine', 'arguments'],
  locks: ['errors', 'records', 'engine', 'arguments'],
  expiry: ['errors', 'records', 'engine', 'writes', 'stream', 'arguments'],
  backup: ['errors', 'records', 'engine', 'stream', 'arguments'],
  store: [
    'errors',
    'records',
    'engine',
    'scan',
    'writes',
    'stream',
    'locks',
    'expiry',
    'backup',
    'arguments',
  ],
  internal: ['engine', 'records', 'scan', 'stream', 'store', 'arguments'],
  index: [
    'errors',
    'records',
    'engine',
    'scan',
    'writes',
    'stream',
    'locks',
    'expiry',
    'store',
    'arguments',
  ],
  testing: [
    'errors',
    'records',
    'scan',
    'writes',
    'stream',
    'locks',
    'store',
    'internal',
    'arguments',
  ],
}

function sources(dir: string): string[] {
  return readdirSync(dir, { withFileTypes: true }).flatMap((entry) => {
    const path = join(dir, entry.name)
    if (entry.isDirectory()) return sources(path)
    return entry.name.endsWith('.ts') ? [path] : []
  })
}

const roomOf = (file: string) => relative(src, file).split(sep)[0]!.replace(/\.ts$/, '')

/** Relative imports (also `import type` and re-exports) of each file, resolved to files. */
const graph = new Map(
  sources(src).map((file) => {
    const text = readFileSync(file, 'utf8')
    const targets = [...text.matchAll(/(?:from|import\()\s*'(\.[^']+)'/g)].map((match) =>
      resolve(dirname(file), match[1]!.replace(/\.js$/, '.ts')),
    )
    return [file, targets] as const
  }),
)

describe('kv-core rooms', () => {
  it('every file is in a known room', () => {
    for (const file of graph.keys()) expect(ALLOWED).toHaveProperty(roomOf(file))
  })

  it('imports only from the rooms its room may use', () => {
    const wrong: string[] = []
    for (const [file, targets] of graph) {
      const room = roomOf(file)
      for (const target of targets) {
        const to = roomOf(target)
        if (to !== room && !ALLOWED[room]!.includes(to))
          wrong.push(`${relative(src, file)} -> ${relative(src, target)}`)
      }
    }
    expect(wrong).toEqual([])
  })
})
