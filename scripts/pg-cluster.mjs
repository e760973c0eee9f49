#!/usr/bin/env node
// A throwaway PostgreSQL cluster for tests: a fresh data folder in the temp dir, 127.0.0.1 on a
// free port, the socket in that folder, fsync off (synchronous_commit stays on, so an acknowledged
// commit survives a server stop). Removed on stop and on process exit.
//
//   node scripts/pg-cluster.mjs          starts one, prints its URL, stops it on Ctrl-C / SIGTERM
//   import { startCluster } from './pg-cluster.mjs'   -> { url, port, stop(), start(), destroy() }
//
// Finds initdb in /usr/lib/postgresql/<version>/bin (newest version) or on PATH. When missing it
// installs Debian's `postgresql` with apt-get (root only); otherwise it throws saying what to do.
import { execFile, execFileSync, spawnSync } from 'node:child_process'
import { randomBytes } from 'node:crypto'
import { chownSync, existsSync, mkdtempSync, readdirSync, rmSync, writeFileSync } from 'node:fs'
import { createServer } from 'node:net'
import { tmpdir } from 'node:os'
import { join } from 'node:path'
import { fileURLToPath } from 'node:url'

const DEBIAN = '/usr/lib/postgresql'
const isRoot = process.getuid?.() === 0

/** The folder holding initdb and pg_ctl, or undefined. */
function findBinaries() {
  if (existsSync(DEBIAN)) {
    const versions = readdirSync(DEBIAN)
      .filter((name) => /^\d+$/.test(name) && existsSync(join(DEBIAN, name, 'bin', 'initdb')))
      .sort((a, b) => Number(b) - Number(a))
    if (versions.length > 0) return join(DEBIAN, versions[0], 'bin')
  }
  const which = spawnSync('sh', ['-c', 'command -v initdb'], { encoding: 'utf8' })
  const found = which.stdout.trim()
  return which.status === 0 && found ? join(found, '..') : undefined
}

const HOW_TO_FIX =
  'install PostgreSQL (Debian/Ubuntu: `apt-get install postgresql`; macOS: `brew install postgresql`), ' +
  'or point the tests at a server with KV_TEST_POSTGRES_URL=postgres://user:pass@host:port/db'

/** Installs Debian's postgresql when initdb is missing (root only), without its default cluster. */
export function ensureBinaries(log) {
  const found = findBinaries()
  if (found) return found
  const hasApt = spawnSync('sh', ['-c', 'command -v apt-get']).status === 0
  if (!isRoot || !hasApt) {
    throw new Error(`PostgreSQL's initdb was not found and cannot be installed here: ${HOW_TO_FIX}`)
  }
  log('kvgraph: installing PostgreSQL with apt-get (one time, about a minute)')
  // Debian's package would create and start a `main` cluster on port 5432: the tests need none.
  const conf = '/etc/postgresql-common/createcluster.conf'
  if (!existsSync(conf)) {
    execFileSync('mkdir', ['-p', '/etc/postgresql-common'])
    writeFileSync(conf, 'create_main_cluster = false\n')
  }
  const env = { ...process.env, DEBIAN_FRONTEND: 'noninteractive' }
  const apt = (args) => spawnSync('apt-get', args, { stdio: 'inherit', env }).status === 0
  if (!apt(['update', '-qq']) || !apt(['install', '-y', '-qq', 'postgresql'])) {
    throw new Error(`apt-get could not install postgresql: ${HOW_TO_FIX}`)
  }
  const installed = findBinaries()
  if (!installed) throw new Error(`postgresql was installed but initdb is missing: ${HOW_TO_FIX}`)
  return installed
}

/** A port nobody listens on right now. */
export function freePort() {
  return new Promise((resolve, reject) => {
    const server = createServer()
    server.once('error', reject)
    server.listen(0, '127.0.0.1', () => {
      const { port } = server.address()
      server.close(() => resolve(port))
    })
  })
}

/**
 * Runs a PostgreSQL tool; as root through `runuser -u postgres` (initdb and pg_ctl refuse root).
 * Returns its standard output.
 */
export function tool(bin, name, args) {
  const [command, argv] = isRoot
    ? ['runuser', ['-u', 'postgres', '--', join(bin, name), ...args]]
    : [join(bin, name), args]
  const result = spawnSync(command, argv, { encoding: 'utf8' })
  if (result.status !== 0) {
    throw new Error(`${name} ${args.join(' ')} failed: ${result.stderr || result.stdout}`)
  }
  return result.stdout
}

/** tool(), without blocking the event loop: clients in the same process keep running meanwhile. */
export function toolAsync(bin, name, args) {
  const [command, argv] = isRoot
    ? ['runuser', ['-u', 'postgres', '--', join(bin, name), ...args]]
    : [join(bin, name), args]
  return new Promise((resolve, reject) => {
    execFile(command, argv, { encoding: 'utf8' }, (error, stdout, stderr) => {
      if (error) reject(new Error(`${name} ${args.join(' ')} failed: ${stderr || stdout}`))
      else resolve(stdout)
    })
  })
}

/** A fresh folder in the temp dir, owned by `postgres` when run as root. */
export function makeClusterDir(prefix = 'kvgraph-pg-') {
  const dir = mkdtempSync(join(tmpdir(), prefix))
  if (isRoot) chownSync(dir, userId('postgres'), groupId('postgres'))
  return dir
}

/**
 * `initdb` into `data`: the socket trusted, TCP logins by password (so a test can try a wrong
 * one), UTF-8, byte-wise C collation. Returns the password.
 */
export function initData(bin, dir, data) {
  const password = randomBytes(12).toString('hex')
  const pwfile = join(dir, 'pwfile')
  writeFileSync(pwfile, `${password}\n`, { mode: 0o644 })
  tool(bin, 'initdb', [
    '-D',
    data,
    '--auth-local=trust',
    '--auth-host=scram-sha-256',
    `--pwfile=${pwfile}`,
    '-U',
    'postgres',
    '-E',
    'UTF8',
    '--locale=C',
    '--no-sync',
  ])
  rmSync(pwfile)
  return password
}

/** Server options for tests: loopback on `port`, the socket in `dir`, fsync off. */
export function serverSettings(port, dir) {
  return [
    '-c listen_addresses=127.0.0.1',
    `-p ${port}`,
    `-k ${dir}`,
    '-c fsync=off',
    '-c full_page_writes=off',
    '-c max_connections=200',
  ].join(' ')
}

/**
 * Starts a throwaway cluster. `log` receives progress lines (default: stderr).
 * @returns {Promise<{url: string, port: number, dir: string, password: string, stop(mode?: 'fast' | 'immediate'): void, start(): void, destroy(): void}>}
 */
export async function startCluster({ log = (line) => console.error(line) } = {}) {
  const bin = ensureBinaries(log)
  const dir = makeClusterDir()
  const data = join(dir, 'data')
  const password = initData(bin, dir, data)
  const port = await freePort()
  const settings = serverSettings(port, dir)
  let running = false
  const cluster = {
    url: `postgres://postgres:${password}@127.0.0.1:${port}/postgres`,
    port,
    dir,
    password,
    start() {
      tool(bin, 'pg_ctl', ['-D', data, '-l', join(dir, 'pg.log'), '-w', '-o', settings, 'start'])
      running = true
    },
    /** `immediate` is a crash (no shutdown checkpoint); `fast` ends sessions cleanly. */
    stop(mode = 'fast') {
      if (!running) return
      tool(bin, 'pg_ctl', ['-D', data, '-m', mode, '-w', 'stop'])
      running = false
    },
    destroy() {
      process.off('exit', onExit)
      try {
        cluster.stop('immediate')
      } finally {
        rmSync(dir, { recursive: true, force: true })
      }
    },
  }
  const onExit = () => cluster.destroy()
  process.on('exit', onExit)
  cluster.start()
  return cluster
}

function userId(name) {
  return Number(execFileSync('id', ['-u', name], { encoding: 'utf8' }).trim())
}

function groupId(name) {
  return Number(execFileSync('id', ['-g', name], { encoding: 'utf8' }).trim())
}

/** From the shell: start a cluster, print its URL, keep running until interrupted. */
export async function serveFromShell(start) {
  const cluster = await start()
  console.log(cluster.url)
  const end = () => {
    cluster.destroy()
    process.exit(0)
  }
  process.on('SIGINT', end)
  process.on('SIGTERM', end)
  setInterval(() => {}, 1 << 30)
}

if (process.argv[1] === fileURLToPath(import.meta.url)) await serveFromShell(() => startCluster())
