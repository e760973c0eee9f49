/**
 * The HTTP API under load (autocannon, 50 connections): GET and PUT /kv against a bare fastify
 * route that answers the same JSON from a Map (the limit any route can reach), and the SSE
 * fan-out rate of /watch. The servers run in a child process, so the load generator does not
 * share their event loop.
 *
 *   npm run bench:http -w @kvgraph/bench -- [--seconds 5] [--watchers 100] [--events 500]
 */
import { fork } from 'node:child_process'
import { mkdtempSync, rmSync } from 'node:fs'
import { tmpdir } from 'node:os'
import { join } from 'node:path'
import { fileURLToPath } from 'node:url'
import { parseArgs } from 'node:util'
import autocannon from 'autocannon'

const TOKEN = 'bench-token-0123456789'
const VALUE = { name: 'Alice Liddell', email: 'alice@example.com', age: 30, tags: ['a', 'b'] }

const { values: flags } = parseArgs({
  options: {
    serve: { type: 'boolean', default: false },
    seconds: { type: 'string', default: '5' },
    watchers: { type: 'string', default: '100' },
    events: { type: 'string', default: '500' },
  },
})

/** The child: a LevelDB store behind createServer, and a bare fastify on another port. */
async function serve(): Promise<void> {
  const { openStore } = await import('@kvgraph/core')
  const { createServer } = await import('@kvgraph/server')
  const { default: Fastify } = await import('fastify')
  const dir = mkdtempSync(join(tmpdir(), 'kv-http-bench-'))
  const store = await openStore(join(dir, 'db'))
  for (let i = 0; i < 1000; i++) await store.namespace('bench').put(`k/${i}`, VALUE)
  const server = await createServer({
    store,
    token: TOKEN,
    port: 0,
    rateLimit: false,
    log: () => {},
  })
  const api = await server.listen()
  const memory = new Map<string, unknown>()
  for (let i = 0; i < 1000; i++) memory.set(`k/${i}`, VALUE)
  const bare = Fastify()
  bare.get<{ Params: { '*': string } }>('/kv/bench/*', async (request) =>
    memory.get(request.params['*']),
  )
  bare.put<{ Params: { '*': string } }>('/kv/bench/*', async (request) => {
    memory.set(request.params['*'], request.body)
    return { key: request.params['*'], version: 1 }
  })
  const limit = await bare.listen({ host: '127.0.0.1', port: 0 })
  process.send!({ api, limit })
  process.once('disconnect', async () => {
    await server.close()
    await bare.close()
    await store.close()
    rmSync(dir, { recursive: true, force: true })
    process.exit(0)
  })
}

interface Row {
  target: string
  reqPerSec: number
  p50: number
  p99: number
  errors: number
}

async function load(target: string, url: string, method: 'GET' | 'PUT'): Promise<Row> {
  await run(url, method, 1) // warm-up: JIT, connections, LevelDB caches
  const result = await run(url, method, Number(flags.seconds))
  return {
    target,
    reqPerSec: Math.round(result.requests.average),
    p50: result.latency.p50,
    p99: result.latency.p99,
    errors: result.errors + result.non2xx,
  }
}

function run(url: string, method: 'GET' | 'PUT', seconds: number): Promise<autocannon.Result> {
  let n = 0
  return autocannon({
    url,
    connections: 50,
    duration: seconds,
    requests: [
      {
        method,
        setupRequest: (request) => {
          const key = `k/${n++ % 1000}`
          return {
            ...request,
            path: `/kv/bench/${key}`,
            headers: { authorization: `Bearer ${TOKEN}`, 'content-type': 'application/json' },
            ...(method === 'PUT' ? { body: JSON.stringify(VALUE) } : {}),
          }
        },
      },
    ],
  })
}

/** N watchers on /watch, then `events` writes: events delivered per second over all watchers. */
async function fanOut(api: string, watchers: number, events: number): Promise<number> {
  const headers = { authorization: `Bearer ${TOKEN}` }
  const responses = await Promise.all(
    Array.from({ length: watchers }, () => fetch(`${api}/watch?ns=fan&prefix=e/`, { headers })),
  )
  const received = responses.map(async (response) => {
    const reader = response.body!.getReader()
    const decoder = new TextDecoder()
    let seen = 0
    let text = ''
    while (seen < events) {
      const { value, done } = await reader.read()
      if (done) break
      text += decoder.decode(value, { stream: true })
      const parts = text.split('\n\n')
      text = parts.pop()!
      seen += parts.filter((part) => part.includes('\ndata: ')).length
    }
    await reader.cancel()
    return seen
  })
  await new Promise((resolve) => setTimeout(resolve, 300)) // every watcher is subscribed
  const started = performance.now()
  for (let i = 0; i < events; i += 25) {
    await Promise.all(
      Array.from({ length: Math.min(25, events - i) }, (_, j) =>
        fetch(`${api}/kv/fan/e/${i + j}`, {
          method: 'PUT',
          headers: { ...headers, 'content-type': 'application/json' },
          body: '{"n":1}',
        }).then((r) => r.arrayBuffer()),
      ),
    )
  }
  const counts = await Promise.all(received)
  const seconds = (performance.now() - started) / 1000
  const total = counts.reduce((a, b) => a + b, 0)
  if (total !== watchers * events)
    throw new Error(`fan-out lost events: ${total} of ${watchers * events}`)
  return Math.round(total / seconds)
}

async function main(): Promise<void> {
  const child = fork(fileURLToPath(import.meta.url), ['--serve'], { execArgv: ['--import', 'tsx'] })
  const { api, limit } = await new Promise<{ api: string; limit: string }>((resolve) =>
    child.once('message', (m) => resolve(m as { api: string; limit: string })),
  )
  const rows = [
    await load('bare fastify GET (Map)', limit, 'GET'),
    await load('kv serve GET /kv (LevelDB)', api, 'GET'),
    await load('bare fastify PUT (Map)', limit, 'PUT'),
    await load('kv serve PUT /kv (LevelDB)', api, 'PUT'),
  ]
  const sse = await fanOut(api, Number(flags.watchers), Number(flags.events))
  child.disconnect()
  console.log(
    `\n50 connections, ${flags.seconds} s each, server in a child process, ${new Date().toISOString()}\n`,
  )
  console.log('| target | req/s | p50 ms | p99 ms | errors |')
  console.log('| --- | ---: | ---: | ---: | ---: |')
  for (const r of rows)
    console.log(`| ${r.target} | ${r.reqPerSec} | ${r.p50} | ${r.p99} | ${r.errors} |`)
  console.log(
    `\nGET /kv: ${(rows[1]!.reqPerSec / rows[0]!.reqPerSec).toFixed(2)}x the bare route (target >= 0.5x)`,
  )
  console.log(`PUT /kv: ${(rows[3]!.reqPerSec / rows[2]!.reqPerSec).toFixed(2)}x the bare route`)
  console.log(
    `SSE fan-out: ${flags.watchers} watchers x ${flags.events} events: ${sse} events/s delivered`,
  )
}

await (flags.serve ? serve() : main())
