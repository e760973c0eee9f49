import { spawn } from 'node:child_process'
import { once } from 'node:events'
import { mkdirSync, writeFileSync } from 'node:fs'
import { createRequire } from 'node:module'
import { join } from 'node:path'
import { beforeAll, describe, expect, it } from 'vitest'
import { ensureBuilt, kv, ROOT, seed, tempDb } from './helpers/cli.js'

beforeAll(ensureBuilt)

/** One line on stderr, no stack trace. */
function expectOneLine(stderr: string, pattern: RegExp): void {
  expect(stderr.endsWith('\n')).toBe(true)
  expect(stderr.trimEnd().split('\n')).toHaveLength(1)
  expect(stderr).not.toMatch(/\n\s+at /)
  expect(stderr).toMatch(pattern)
}

describe('usage errors exit 2 with one line', () => {
  it('an unknown command', async () => {
    const result = await kv(['frobnicate'])
    expect(result.code).toBe(2)
    expect(result.stdout).toBe('')
    expectOneLine(result.stderr, /^kv: unknown command 'frobnicate' \(CLI_USAGE\)$/m)
  })

  it('an unknown subcommand, with a suggestion on the same line', async () => {
    const result = await kv(['get', 'prefx', 'a'])
    expect(result.code).toBe(2)
    expectOneLine(result.stderr, /unknown command 'prefx'.*Did you mean prefix\?.*\(CLI_USAGE\)/)
  })

  it('an unknown flag', async () => {
    const result = await kv(['get', 'key', 'x', '--bogus'])
    expect(result.code).toBe(2)
    expectOneLine(result.stderr, /^kv: unknown option '--bogus' \(CLI_USAGE\)$/m)
  })

  it('a bad flag value, a missing argument, too many arguments', async () => {
    const [limit, missing, extra, choice] = await Promise.all([
      kv(['list', '--limit', '0']),
      kv(['get', 'key']),
      kv(['get', 'key', 'a', 'b']),
      kv(['graph', 'view', '--format', 'gif']),
    ])
    for (const result of [limit, missing, extra, choice]) {
      expect(result.code).toBe(2)
      expectOneLine(result.stderr, /^kv: .*\(CLI_USAGE\)$/m)
    }
    expect(limit.stderr).toContain('must be a positive integer')
    expect(missing.stderr).toContain("missing required argument 'key'")
    expect(extra.stderr).toContain('too many arguments')
    expect(choice.stderr).toContain('Allowed choices are dot, mermaid, svg, png, json')
  })

  it('an empty --value names the problem', async () => {
    const db = await tempDb()
    const result = await kv(['put', 'k', '--value', '', '--db', db])
    expect(result.code).toBe(1)
    expectOneLine(
      result.stderr,
      /^kv: --value is empty: expected a JSON value \(CLI_INVALID_JSON\)$/m,
    )
  })
})

describe('runtime errors exit 1 with one line', () => {
  // Regression (issue 24, defect 9): `kv --db /proc/nope` spun at 100% CPU (a recursive mkdir
  // that never returns on procfs); a path under a regular file gave a raw EEXIST or ENOTDIR.
  it('an unusable --db fails at once, naming the path', async () => {
    const dir = await tempDb()
    mkdirSync(dir, { recursive: true })
    const file = join(dir, 'a-file')
    writeFileSync(file, 'x')
    const [proc, underFile] = await Promise.all([
      kv(['get', 'key', 'x', '--db', '/proc/nope']),
      kv(['get', 'key', 'x', '--db', join(file, 'db')]),
    ])
    expect(proc.code).toBe(1)
    expectOneLine(
      proc.stderr,
      /^kv: openStore: cannot create the database at \/proc\/nope: .*\(KV_IO_ERROR\)$/m,
    )
    expect(underFile.code).toBe(1)
    expectOneLine(underFile.stderr, /is not a directory \(KV_INVALID_ARGUMENT\)$/m)
    expect(underFile.stderr).toContain(join(file, 'db'))
  })

  it('invalid JSON on stdin names the problem', async () => {
    const db = await tempDb()
    const result = await kv(['put', 'k', '--db', db], { input: '{"a": 1,' })
    expect(result.code).toBe(1)
    expect(result.stdout).toBe('')
    expectOneLine(result.stderr, /^kv: invalid JSON on stdin: .+ \(CLI_INVALID_JSON\)$/m)
    const empty = await kv(['put', 'k', '--db', db], { input: '  \n' })
    expect(empty.code).toBe(1)
    expectOneLine(empty.stderr, /^kv: stdin is empty: expected a JSON value \(CLI_INVALID_JSON\)$/m)
    const props = await kv(['graph', 'add-edge', 'A', 'a', 'e', 'B', 'b', '--db', db], {
      input: '[1]',
    })
    expect(props.code).toBe(1)
    expectOneLine(props.stderr, /^kv: props on stdin must be a JSON object \(CLI_INVALID_JSON\)$/m)
  })

  it('a database locked by another process: KV_LOCKED', async () => {
    const db = await tempDb()
    await seed(db, { x: 1 })
    const require = createRequire(join(ROOT, 'packages/kv-core/package.json'))
    const holder = spawn(
      process.execPath,
      [
        '-e',
        `const { ClassicLevel } = require(${JSON.stringify(require.resolve('classic-level'))})
         const db = new ClassicLevel(${JSON.stringify(db)})
         db.open().then(() => { process.stdout.write('ready\\n'); process.stdin.resume() })
         process.stdin.on('end', () => db.close().then(() => process.exit(0)))`,
      ],
      { stdio: ['pipe', 'pipe', 'inherit'] },
    )
    try {
      await once(holder.stdout, 'data')
      const result = await kv(['get', 'key', 'x', '--db', db])
      expect(result.code).toBe(1)
      expect(result.stdout).toBe('')
      expectOneLine(
        result.stderr,
        /^kv: openStore: the database at \/\S+ is open in another process \(KV_LOCKED\)$/m,
      )
    } finally {
      holder.stdin.end()
      await once(holder, 'exit')
    }
    const after = await kv(['get', 'key', 'x', '--db', db])
    expect(after.stdout).toContain('"value":1')
  })

  it('library errors keep their codes (KV_INVALID_KEY, GRAPH_INVALID_NODE)', async () => {
    const db = await tempDb()
    const key = await kv(['put', '', '--value', '1', '--db', db])
    expect(key.code).toBe(1)
    expectOneLine(key.stderr, /\(KV_INVALID_KEY\)$/m)
    const node = await kv(['graph', 'get-node', 'User', '', '--db', db])
    expect(node.code).toBe(1)
    expectOneLine(node.stderr, /\(GRAPH_INVALID_NODE\)$/m)
  })

  it('KV_DEBUG=1 adds the stack trace', async () => {
    const db = await tempDb()
    const result = await kv(['put', '', '--value', '1', '--db', db], { env: { KV_DEBUG: '1' } })
    expect(result.code).toBe(1)
    expect(result.stderr.split('\n')[0]).toMatch(/\(KV_INVALID_KEY\)$/)
    expect(result.stderr).toMatch(/\n\s+at /)
  })
})

describe('--help and --version', () => {
  it('--version prints the package version', async () => {
    const result = await kv(['--version'])
    expect(result).toMatchObject({ code: 0, stdout: '0.1.0\n', stderr: '' })
  })

  it('--help on the program and on commands exits 0', async () => {
    const [root, put, view, importHelp, count] = await Promise.all([
      kv(['--help']),
      kv(['put', '--help']),
      kv(['graph', 'view', '--help']),
      kv(['graph', 'import', '-h']),
      kv(['help', 'count']),
    ])
    for (const result of [root, put, view, importHelp, count]) {
      expect(result.code).toBe(0)
      expect(result.stdout).toMatch(/^Usage: kv/)
    }
    expect(root.stdout).toContain('graph')
    expect(root.stdout).toContain('Exit status: 0 success, 1 runtime error')
    expect(put.stdout).toContain('--ttl <duration>')
    expect(put.stdout).toContain('--version <n>')
    expect(view.stdout).toContain('dot -Tsvg')
    expect(importHelp.stdout).toContain('from_type,from_id,type,to_type,to_id')
    expect(count.stdout).toMatch(/all\s/)
  })

  it('a command group without a subcommand shows its help on stderr and exits 2', async () => {
    const result = await kv(['graph'])
    expect(result.code).toBe(2)
    expect(result.stdout).toBe('')
    expect(result.stderr).toContain('add-edge')
  })
})
