import { type ChildProcess, spawn } from 'node:child_process'
import { once } from 'node:events'
import { beforeAll, describe, expect, it } from 'vitest'
import { BIN, builtCore, ensureBuilt, ROOT, tempDb } from './helpers/cli.js'

beforeAll(ensureBuilt)

interface Served {
  child: ChildProcess
  url: string
  stdout: () => string
  stderr: () => string
}

/** Starts `kv serve` and resolves once it printed its address. */
async function serve(args: string[], env: Record<string, string> = {}): Promise<Served> {
  const child = spawn(process.execPath, [BIN, ...args], {
    cwd: ROOT,
    env: { ...process.env, KV_TOKEN: '', ...env },
    stdio: 'pipe',
  })
  let stdout = ''
  let stderr = ''
  child.stderr!.on('data', (chunk: Buffer) => {
    stderr += chunk
  })
  const url = await new Promise<string>((resolve, reject) => {
    child.stdout!.on('data', (chunk: Buffer) => {
      stdout += chunk
      const match = /^listening on (http:\/\/\S+)$/m.exec(stdout)
      if (match) resolve(match[1]!)
    })
    child.once('exit', (code) => reject(new Error(`kv serve exited ${code}: ${stderr}`)))
  })
  return { child, url, stdout: () => stdout, stderr: () => stderr }
}

async function stop(served: Served, signal: NodeJS.Signals = 'SIGTERM'): Promise<number | null> {
  const exited = once(served.child, 'exit')
  served.child.kill(signal)
  const [code] = await exited
  return code as number | null
}

describe('kv serve', () => {
  it('prints its address and a generated token once; the token works; SIGINT exits 0', async () => {
    const served = await serve(['--db', await tempDb(), 'serve', '--port', '0'])
    expect(served.url).toMatch(/^http:\/\/127\.0\.0\.1:\d+$/)
    const tokens = served.stdout().match(/^token: (\S+)$/gm) ?? []
    expect(tokens).toHaveLength(1)
    const token = tokens[0]!.slice('token: '.length)
    const put = await fetch(`${served.url}/kv/app/k`, {
      method: 'PUT',
      headers: { authorization: `Bearer ${token}`, 'content-type': 'application/json' },
      body: '{"a":1}',
    })
    expect(put.status).toBe(201)
    expect((await fetch(`${served.url}/kv/app/k`)).status).toBe(401)
    expect(await stop(served, 'SIGINT')).toBe(0)
  })

  it('takes the token from KV_TOKEN (printing none) and warns when bound beyond loopback', async () => {
    const served = await serve(
      ['--db', await tempDb(), 'serve', '--port', '0', '--host', '0.0.0.0'],
      {
        KV_TOKEN: 'from-the-environment',
      },
    )
    expect(served.stdout()).not.toMatch(/token:/)
    expect(served.stderr()).toMatch(/warning: listening on 0\.0\.0\.0/)
    const port = new URL(served.url).port
    const got = await fetch(`http://127.0.0.1:${port}/kv/app/none`, {
      headers: { authorization: 'Bearer from-the-environment' },
    })
    expect(got.status).toBe(404)
    expect(await stop(served)).toBe(0)
  })

  it('SIGTERM ends open /watch streams and exits 0', async () => {
    const served = await serve([
      '--db',
      await tempDb(),
      'serve',
      '--port',
      '0',
      '--token',
      'watch-token-1',
    ])
    const watch = await fetch(`${served.url}/watch`, {
      headers: { authorization: 'Bearer watch-token-1' },
    })
    expect(watch.status).toBe(200)
    const body = watch.text() // resolves only when the server ends the stream
    expect(await stop(served)).toBe(0)
    expect(await body).toMatch(/^: watching/)
  })

  it('SIGTERM under load: exits 0 and every write that got a 2xx is there after a restart', async () => {
    const db = await tempDb()
    const served = await serve(['--db', db, 'serve', '--port', '0', '--token', 'load-test-token'])
    const acknowledged: string[] = []
    // Each writer PUTs until the server refuses connections; 503s while it stops are not acks.
    const writer = async (w: number) => {
      for (let i = 0; ; i++) {
        const key = `w${w}/${i}`
        try {
          const response = await fetch(`${served.url}/kv/load/${key}`, {
            method: 'PUT',
            headers: {
              authorization: 'Bearer load-test-token',
              'content-type': 'application/json',
            },
            body: JSON.stringify({ w, i }),
          })
          if (response.ok) acknowledged.push(key)
          else await response.arrayBuffer()
        } catch {
          return
        }
      }
    }
    const writers = Array.from({ length: 16 }, (_, w) => writer(w))
    while (acknowledged.length < 300) await new Promise((resolve) => setTimeout(resolve, 20))
    const code = await stop(served)
    await Promise.all(writers)
    expect(code).toBe(0)

    const { openStore } = await builtCore()
    const store = await openStore(db)
    try {
      const load = store.namespace('load')
      const records = await load.getMany(acknowledged)
      const missing = acknowledged.filter((_, i) => records[i] === undefined)
      expect(missing).toEqual([])
    } finally {
      await store.close()
    }
  })
})
