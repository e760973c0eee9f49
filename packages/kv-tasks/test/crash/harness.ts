import { type ChildProcess, execFileSync, spawn } from 'node:child_process'
import { existsSync } from 'node:fs'
import { fileURLToPath } from 'node:url'

const ROOT = fileURLToPath(new URL('../../../../', import.meta.url))
const CHILD = fileURLToPath(new URL('./child.ts', import.meta.url))

/** The child imports @kvgraph/core through node_modules, so its dist must exist. */
export function ensureCoreBuilt(): void {
  if (!existsSync(`${ROOT}packages/kv-core/dist/index.js`))
    execFileSync('npx', ['tsc', '-p', 'packages/kv-core/tsconfig.json'], {
      cwd: ROOT,
      stdio: 'pipe',
    })
}

export interface RunnerProcess {
  child: ChildProcess
  /** Resolves with the first stdout line starting with `prefix`. */
  line(prefix: string): Promise<string>
  exited: Promise<{ code: number | null; signal: NodeJS.Signals | null; stderr: string }>
}

export function startRunnerProcess(env: Record<string, string>): RunnerProcess {
  const child = spawn(process.execPath, ['--import', 'tsx', CHILD], {
    cwd: ROOT,
    env: { ...process.env, ...env },
    stdio: ['ignore', 'pipe', 'pipe'],
  })
  let out = ''
  let stderr = ''
  const waiters: { prefix: string; resolve: (line: string) => void }[] = []
  const check = () => {
    for (const line of out.split('\n')) {
      for (const w of waiters.filter((x) => line.startsWith(x.prefix))) {
        waiters.splice(waiters.indexOf(w), 1)
        w.resolve(line)
      }
    }
  }
  child.stdout!.on('data', (chunk) => {
    out += chunk
    check()
  })
  child.stderr!.on('data', (chunk) => {
    stderr += chunk
  })
  const exited = new Promise<{
    code: number | null
    signal: NodeJS.Signals | null
    stderr: string
  }>((resolve) => child.on('exit', (code, signal) => resolve({ code, signal, stderr })))
  return {
    child,
    exited,
    line: (prefix) =>
      new Promise((resolve, reject) => {
        waiters.push({ prefix, resolve })
        check()
        void exited.then(({ code, signal }) =>
          reject(
            new Error(`runner process exited (${code ?? signal}) before "${prefix}": ${stderr}`),
          ),
        )
      }),
  }
}
