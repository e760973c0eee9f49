import { spawn } from 'node:child_process'
import { mkdirSync } from 'node:fs'
import { fileURLToPath } from 'node:url'
import { buildSync } from 'esbuild'
import type { Line } from './protocol.js'

const ROOT = fileURLToPath(new URL('../../', import.meta.url))
const SOURCE = fileURLToPath(new URL('./child.ts', import.meta.url))
// Under the root's node_modules, so the bundle's @kvgraph/* imports resolve to the built packages.
const OUT_DIR = `${ROOT}node_modules/.cache/kvgraph-crash`

/**
 * Bundles child.ts and its files into one plain module, once per run: a child then starts in
 * plain node, about half a second sooner than through tsx, which is most of a cycle.
 */
export function buildChild(): string {
  mkdirSync(OUT_DIR, { recursive: true })
  const outfile = `${OUT_DIR}/child.mjs`
  buildSync({
    entryPoints: [SOURCE],
    bundle: true,
    packages: 'external',
    platform: 'node',
    format: 'esm',
    target: 'node20',
    outfile,
    logLevel: 'error',
  })
  return outfile
}

export interface ChildRun {
  /** Lets the child open the store and start; resolves once it printed `ready`. */
  go(): Promise<void>
  kill(): void
  /** Resolves when the child is gone, with its protocol lines and, if it failed itself, why. */
  exited: Promise<{ lines: Line[]; failure?: string }>
}

export function startChild(script: string, env: Record<string, string>): ChildRun {
  const child = spawn(process.execPath, [script], {
    cwd: ROOT,
    env: { ...process.env, ...env },
    stdio: ['pipe', 'pipe', 'pipe'],
  })
  let out = ''
  let stderr = ''
  let killed = false
  let onReady: () => void = () => {}
  let onEarlyExit: (error: Error) => void = () => {}
  const ready = new Promise<void>((resolve, reject) => {
    onReady = resolve
    onEarlyExit = reject
  })
  child.stdout.setEncoding('utf8')
  child.stdout.on('data', (chunk: string) => {
    out += chunk
    if (out.startsWith('ready\n')) onReady()
  })
  child.stderr.on('data', (chunk) => {
    stderr += chunk
  })
  const exited = new Promise<{ lines: Line[]; failure?: string }>((resolve) => {
    child.on('close', (code, signal) => {
      onEarlyExit(new Error(`child exited (${code ?? signal}) before ready: ${stderr}`))
      // A SIGKILL can cut the last line short: only whole lines count.
      const lines = out
        .split('\n')
        .slice(1, -1)
        .map((line) => JSON.parse(line) as Line)
      const failed = !killed || signal !== 'SIGKILL'
      resolve(
        failed
          ? { lines, failure: `exited (${code ?? signal}): ${stderr.slice(0, 2000)}` }
          : { lines },
      )
    })
  })
  // Handled here: the caller may kill the child before it asks for `ready`.
  ready.catch(() => {})
  return {
    go() {
      child.stdin.write('go\n')
      return ready
    },
    exited,
    kill() {
      killed = true
      child.kill('SIGKILL')
    },
  }
}
