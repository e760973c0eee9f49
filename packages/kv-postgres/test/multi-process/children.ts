import { type ChildProcess, spawn } from 'node:child_process'
import { createInterface } from 'node:readline'
import { fileURLToPath } from 'node:url'
import type { OpenStoreOptions } from '@kvgraph/core'
import postgres from 'postgres'

const here = (name: string) => fileURLToPath(new URL(name, import.meta.url))
const WORKER = here('worker.ts')
/** Makes tsx map @kvgraph/* to the sources in the children too (see tsconfig.json here). */
const TSCONFIG = here('tsconfig.json')

/** A line a child printed that answers no request (`{ event, ... }`). */
export type ChildEvent = { event: string } & Record<string, unknown>

/** An error a child's store call rejected with. */
export class ChildError extends Error {
  constructor(
    readonly code: string,
    message: string,
  ) {
    super(message)
  }
}

/** One child process with its own store on the shared table (worker.ts), driven by requests. */
export class Child {
  readonly events: ChildEvent[] = []
  readonly #process: ChildProcess
  readonly #pending = new Map<number, { resolve(v: unknown): void; reject(e: Error): void }>()
  readonly #waiters = new Set<() => void>()
  readonly #exited: Promise<number | null>
  #stderr = ''
  #next = 0

  constructor(url: string, options: OpenStoreOptions) {
    this.#process = spawn(
      process.execPath,
      ['--import', 'tsx', WORKER, url, JSON.stringify(options)],
      {
        env: { ...process.env, TSX_TSCONFIG_PATH: TSCONFIG },
        stdio: ['pipe', 'pipe', 'pipe'],
      },
    )
    this.#process.stderr!.on('data', (chunk) => {
      this.#stderr += chunk
    })
    createInterface({ input: this.#process.stdout! }).on('line', (line) => this.#receive(line))
    this.#exited = new Promise((resolve) => this.#process.once('exit', resolve))
    void this.#exited.then((code) => {
      const error = new Error(`child exited (${code}) with requests pending: ${this.#stderr}`)
      for (const { reject } of this.#pending.values()) reject(error)
      this.#pending.clear()
      for (const wake of this.#waiters) wake()
    })
  }

  #receive(line: string): void {
    if (!line.startsWith('{')) return
    const message = JSON.parse(line) as Record<string, unknown>
    if (typeof message.id === 'number') {
      const pending = this.#pending.get(message.id)
      this.#pending.delete(message.id)
      const error = message.error as { code: string; message: string } | undefined
      if (error) pending?.reject(new ChildError(error.code, error.message))
      else pending?.resolve(message.result)
      return
    }
    this.events.push(message as ChildEvent)
    for (const wake of this.#waiters) wake()
  }

  /** Runs a store method or a task (tasks.ts) in the child; resolves to its JSON result. */
  call<T = unknown>(op: string, ...args: unknown[]): Promise<T> {
    const id = this.#next++
    return new Promise<T>((resolve, reject) => {
      this.#pending.set(id, { resolve: resolve as (v: unknown) => void, reject })
      this.#process.stdin!.write(`${JSON.stringify({ id, op, args })}\n`)
    })
  }

  /** Resolves once an event matches, or rejects after `timeoutMs`. */
  async waitFor(match: (event: ChildEvent) => boolean, timeoutMs = 10_000): Promise<ChildEvent> {
    const deadline = Date.now() + timeoutMs
    for (;;) {
      const found = this.events.find(match)
      if (found) return found
      const left = deadline - Date.now()
      if (left <= 0 || this.#process.exitCode !== null)
        throw new Error(`no matching event within ${timeoutMs} ms: ${this.#stderr}`)
      await new Promise<void>((resolve) => {
        const wake = () => {
          clearTimeout(timer)
          this.#waiters.delete(wake)
          resolve()
        }
        const timer = setTimeout(wake, left)
        this.#waiters.add(wake)
      })
    }
  }

  /** Closes the child's store and waits for it to exit. */
  async exit(): Promise<void> {
    if (this.#process.exitCode === null) await this.call('exit').catch(() => {})
    await this.#exited
  }

  kill(): void {
    this.#process.kill('SIGKILL')
  }
}

/**
 * Starts `count` children on one table of the server at `url` and waits until each has opened
 * its store. `options` go to each child's openStore.
 */
export async function startChildren(
  url: string,
  table: string,
  count: number,
  options: OpenStoreOptions = {},
): Promise<Child[]> {
  const location = withTable(url, table)
  const children = Array.from({ length: count }, () => new Child(location, options))
  await Promise.all(children.map((child) => child.waitFor((e) => e.event === 'ready', 30_000)))
  return children
}

/** Ends the children (killing any that does not exit) and drops the table. */
export async function cleanup(url: string, table: string, children: Child[]): Promise<void> {
  await Promise.all(
    children.map((child) =>
      Promise.race([child.exit(), new Promise((r) => setTimeout(r, 5000))]).then(() =>
        child.kill(),
      ),
    ),
  )
  const sql = postgres(url, { max: 1, onnotice: () => {} })
  try {
    await sql.unsafe(`DROP TABLE IF EXISTS "${table}"`)
    await sql.unsafe('DELETE FROM kvgraph_meta WHERE name = $1', [table])
  } finally {
    await sql.end()
  }
}

/** The URL with `?table=`, for the test's own store on the same table. */
export const withTable = (url: string, table: string): string =>
  `${url}${url.includes('?') ? '&' : '?'}table=${table}`
