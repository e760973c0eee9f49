import { execFileSync, spawn } from 'node:child_process'
import { existsSync, mkdirSync, readdirSync, rmSync, statSync } from 'node:fs'
import { mkdtemp, rm } from 'node:fs/promises'
import { tmpdir } from 'node:os'
import { join } from 'node:path'
import { fileURLToPath, pathToFileURL } from 'node:url'
import { afterAll } from 'vitest'

/** The repository root and the built `kv` binary that every test spawns. */
export const ROOT = fileURLToPath(new URL('../../../../', import.meta.url))
export const CLI_DIR = join(ROOT, 'packages/kv-cli')
export const BIN = join(CLI_DIR, 'dist/bin.js')

export interface RunResult {
  code: number | null
  stdout: string
  stderr: string
  /** stdout as bytes (for binary output such as PNG). */
  bytes: Buffer
}

export interface RunOptions {
  /** Written to stdin, which is then closed (stdin is always closed, so nothing waits on it). */
  input?: string | Buffer
  env?: Record<string, string | undefined>
  cwd?: string
}

/** Runs `node dist/bin.js ...args` and collects its exit status and output. */
export function kv(args: string[], options: RunOptions = {}): Promise<RunResult> {
  return run(process.execPath, [BIN, ...args], options)
}

/** Runs a shell pipeline with `kv` on PATH semantics replaced by a variable: `$KV get ...`. */
export function sh(script: string, options: RunOptions = {}): Promise<RunResult> {
  return run('bash', ['-o', 'pipefail', '-c', script], {
    ...options,
    env: { ...options.env, KV: `${process.execPath} ${BIN}` },
  })
}

export function run(command: string, args: string[], options: RunOptions = {}): Promise<RunResult> {
  return new Promise((resolve, reject) => {
    const env: Record<string, string | undefined> = {
      ...process.env,
      KV_DB: undefined,
      ...options.env,
    }
    for (const key of Object.keys(env)) if (env[key] === undefined) delete env[key]
    const child = spawn(command, args, { cwd: options.cwd ?? ROOT, env, stdio: 'pipe' })
    const out: Buffer[] = []
    const err: Buffer[] = []
    child.stdout.on('data', (chunk: Buffer) => out.push(chunk))
    child.stderr.on('data', (chunk: Buffer) => err.push(chunk))
    child.on('error', reject)
    child.on('close', (code) =>
      resolve({
        code,
        stdout: Buffer.concat(out).toString('utf8'),
        stderr: Buffer.concat(err).toString('utf8'),
        bytes: Buffer.concat(out),
      }),
    )
    child.stdin.on('error', () => {}) // the command may exit without reading its input
    child.stdin.end(options.input ?? '')
  })
}

/** Parses JSON lines. */
export function jsonLines(text: string): unknown[] {
  return text
    .split('\n')
    .filter((line) => line.trim() !== '')
    .map((line) => JSON.parse(line) as unknown)
}

/** A fresh temporary directory, removed after the test file. */
export async function tempDir(): Promise<string> {
  const dir = await mkdtemp(join(tmpdir(), 'kv-cli-test-'))
  created.push(dir)
  return dir
}

const created: string[] = []
afterAll(async () => {
  await Promise.all(created.map((dir) => rm(dir, { recursive: true, force: true })))
})

/** A fresh database path (the directory does not exist yet). */
export async function tempDb(): Promise<string> {
  return join(await tempDir(), 'db')
}

/**
 * Builds what the tests spawn: @kvgraph/core, @kvgraph/graph and @kvgraph/postgres when their dist is missing (the
 * binary imports them through node_modules), and the CLI when its dist is missing or older than
 * its sources. Test files run in parallel, so builds take a lock directory.
 */
export function ensureBuilt(): void {
  const needed = () => [
    ...[
      'packages/kv-core',
      'packages/kv-graph',
      'packages/kv-postgres',
      'packages/kv-tasks',
      'packages/kv-server',
    ].filter((pkg) => !existsSync(join(ROOT, pkg, 'dist/index.js'))),
    ...(!existsSync(BIN) || newest(join(CLI_DIR, 'src')) > newest(join(CLI_DIR, 'dist'))
      ? ['packages/kv-cli']
      : []),
  ]
  if (needed().length === 0) return
  const lock = join(tmpdir(), 'kv-cli-test-build.lock')
  const deadline = Date.now() + 120_000
  for (;;) {
    try {
      mkdirSync(lock)
      break
    } catch {
      if (Date.now() > deadline) rmSync(lock, { recursive: true, force: true })
      execFileSync('sleep', ['0.2'])
    }
  }
  try {
    for (const pkg of needed()) {
      // With outputs gone, an incremental build info would make tsc think there is nothing to emit.
      if (!existsSync(join(ROOT, pkg, 'dist'))) {
        rmSync(join(ROOT, pkg, 'tsconfig.tsbuildinfo'), { force: true })
      }
      execFileSync('npx', ['tsc', '-p', join(pkg, 'tsconfig.json')], { cwd: ROOT, stdio: 'pipe' })
    }
  } finally {
    rmSync(lock, { recursive: true, force: true })
  }
  if (!existsSync(BIN)) throw new Error(`the build did not produce ${BIN}`)
}

function newest(dir: string): number {
  if (!existsSync(dir)) return 0
  let latest = 0
  for (const entry of readdirSync(dir, { withFileTypes: true })) {
    const path = join(dir, entry.name)
    const time = entry.isDirectory() ? newest(path) : statSync(path).mtimeMs
    if (time > latest) latest = time
  }
  return latest
}

/**
 * The built @kvgraph/core, the code the binary runs (the `@kvgraph/core` alias of the vitest
 * config points at its sources, which may differ from dist while core is being changed).
 */
export async function builtCore(): Promise<typeof import('@kvgraph/core')> {
  return import(pathToFileURL(join(ROOT, 'packages/kv-core/dist/index.js')).href)
}

/** Writes records straight through @kvgraph/core (quicker than one `kv put` per key). */
export async function seed(db: string, values: Record<string, unknown>): Promise<void> {
  const { openStore } = await builtCore()
  const store = await openStore(db)
  try {
    await store.mutate(
      Object.entries(values).map(([key, value]) => ({
        op: 'put' as const,
        key,
        value: value as never,
      })),
    )
  } finally {
    await store.close()
  }
}
