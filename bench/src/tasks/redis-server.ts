import { type ChildProcess, execFileSync, spawn } from 'node:child_process'
import { existsSync } from 'node:fs'
import { mkdtemp, rm } from 'node:fs/promises'
import { createConnection, createServer } from 'node:net'
import { tmpdir } from 'node:os'
import { join } from 'node:path'
import { sleep } from './stats.js'

const BINARY = '/usr/bin/redis-server'

/** Installs Debian's redis-server when it is missing and this is a Debian machine run as root. */
export function ensureRedisInstalled(): void {
  if (existsSync(BINARY)) return
  const root = process.getuid?.() === 0
  if (!root || !existsSync('/usr/bin/apt-get'))
    throw new Error(
      `${BINARY} is missing: install Debian's redis-server package (apt-get install redis-server)`,
    )
  execFileSync('apt-get', ['install', '-y', 'redis-server'], { stdio: 'inherit' })
}

function freePort(): Promise<number> {
  return new Promise((resolve, reject) => {
    const server = createServer()
    server.once('error', reject)
    server.listen(0, '127.0.0.1', () => {
      const { port } = server.address() as { port: number }
      server.close(() => resolve(port))
    })
  })
}

export interface RedisServer {
  port: number
  stop(): Promise<void>
}

/**
 * A throwaway redis-server on a free loopback port, without persistence (the job data is
 * scratch; peers.md measured appendfsync everysec at about 15% less), stopped by `stop`.
 */
export async function startRedis(): Promise<RedisServer> {
  ensureRedisInstalled()
  const port = await freePort()
  const dir = await mkdtemp(join(tmpdir(), 'kv-tasks-redis-'))
  const args = [
    '--port',
    String(port),
    '--bind',
    '127.0.0.1',
    '--save',
    '',
    '--appendonly',
    'no',
    '--dir',
    dir,
  ]
  const child: ChildProcess = spawn(BINARY, args, { stdio: 'ignore' })
  const exited = new Promise<void>((resolve) => child.once('exit', () => resolve()))
  for (let i = 0; ; i++) {
    if (child.exitCode !== null) throw new Error(`redis-server exited with ${child.exitCode}`)
    const open = await new Promise<boolean>((resolve) => {
      const socket = createConnection(port)
      socket.once('connect', () => {
        socket.end()
        resolve(true)
      })
      socket.once('error', () => resolve(false))
    })
    if (open) break
    if (i > 100) throw new Error('redis-server did not start within 5 s')
    await sleep(50)
  }
  return {
    port,
    async stop() {
      child.kill('SIGTERM')
      await exited
      await rm(dir, { recursive: true, force: true })
    },
  }
}
