// A child process holding one store on a shared PostgreSQL table, driven by its parent through
// stdin: each line is a JSON request `{ id, op, args }`; each answer is a JSON line on stdout,
// `{ id, result }` or `{ id, error: { code, message } }`. Requests run concurrently, as calls
// from many clients would. Tasks (tasks.ts) and listeners also print `{ event, ... }` lines.
//
//   node --import tsx worker.ts <url with ?table=> [openStore options as JSON]
import { createInterface } from 'node:readline'
import { openStore, type Store } from '@kvgraph/core'
import { onCommit, syncCommits } from '@kvgraph/core/internal'
import { type Emit, tasks } from './tasks.js'

const [url, optionsJson] = process.argv.slice(2)
if (!url) throw new Error('usage: worker.ts <postgres url> [options json]')
const store = await openStore(url, JSON.parse(optionsJson ?? '{}'))

const emit: Emit = (line) => process.stdout.write(`${JSON.stringify(line)}\n`)

type Handler = (...args: never[]) => unknown
/** Store methods callable by name, and what needs more than one call. */
const ops: Record<string, Handler> = {
  ...tasks(store, emit),
  listen: async () => {
    onCommit(store, (changes) => emit({ event: 'commit', changes }))
    // The listener's start is the stream's end when it was added, read asynchronously: once this
    // resolves, every later commit of any process is heard.
    await syncCommits(store)
  },
  syncCommits: () => syncCommits(store),
  exit: async () => {
    await store.close()
    setImmediate(() => process.exit(0))
  },
}

async function answer(line: string): Promise<void> {
  const { id, op, args = [] } = JSON.parse(line) as { id: number; op: string; args?: unknown[] }
  try {
    const handler = ops[op] ?? (store as unknown as Record<string, Handler>)[op]
    if (typeof handler !== 'function') throw new Error(`worker: no operation ${op}`)
    const result = await (handler as (...args: unknown[]) => unknown).apply(store, args)
    emit({ id, result: result ?? null })
  } catch (error) {
    const { code, message } = error as { code?: string; message: string }
    emit({ id, error: { code: code ?? 'ERROR', message } })
  }
}

createInterface({ input: process.stdin }).on('line', (line) => void answer(line))
emit({ event: 'ready', pid: process.pid, shared: (store as Store).engine })
