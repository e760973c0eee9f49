#!/usr/bin/env node
// A throwaway primary + one streaming standby on loopback, for failover tests and benchmarks,
// with PostgreSQL's own tools: initdb, pg_basebackup -R, synchronous_standby_names, pg_ctl.
// Removed on destroy() and on process exit. Reuses pg-cluster.mjs's install and free-port logic.
//
//   node scripts/pg-replicated.mjs [--async]    starts one, prints the multi-host URL, stops on Ctrl-C
//   import { startReplicatedCluster } from './pg-replicated.mjs'
//
// A failover is failover(): the primary crashes (`pg_ctl -m immediate`), then the standby is
// promoted (`pg_ctl promote`). rejoin() rebuilds the crashed node as the new primary's standby,
// so a test or a benchmark can fail over again.
//
// synchronous_standby_names lives in each node's postgresql.auto.conf. pg_basebackup copies the
// primary's into the standby, where, once promoted with no standby of its own, it would make every
// commit wait forever: the standby's is cleared before it starts, as an HA manager (Patroni)
// does on promotion, and the primary's is set only once its standby is attached.
import { appendFileSync, rmSync } from 'node:fs'
import { join } from 'node:path'
import { fileURLToPath } from 'node:url'
import {
  ensureBinaries,
  freePort,
  initData,
  makeClusterDir,
  serveFromShell,
  serverSettings,
  tool,
  toolAsync,
} from './pg-cluster.mjs'

const WAIT_MS = 20_000

/**
 * Starts a primary and a standby streaming from it; `synchronous` (default true) makes the
 * standby synchronous (`synchronous_standby_names = '*'`, synchronous_commit stays on).
 * @param {{ synchronous?: boolean, log?: (line: string) => void }} [options]
 */
export async function startReplicatedCluster({
  synchronous = true,
  log = (line) => console.error(line),
} = {}) {
  const bin = ensureBinaries(log)
  const dir = makeClusterDir('kvgraph-pg-ha-')
  const nodes = []
  for (const name of ['a', 'b']) {
    const port = await freePort()
    nodes.push({ name, port, data: join(dir, name), running: false })
  }
  const password = initData(bin, dir, nodes[0].data)
  let primary = 0

  const pgCtl = (node, args) => tool(bin, 'pg_ctl', ['-D', node.data, ...args])
  const start = (node) => {
    pgCtl(node, [
      '-l',
      join(dir, `${node.name}.log`),
      '-w',
      '-o',
      serverSettings(node.port, dir),
      'start',
    ])
    node.running = true
  }
  const stop = (node, mode) => {
    if (!node.running) return
    pgCtl(node, ['-m', mode, '-w', 'stop'])
    node.running = false
  }
  /** Runs SQL on a node over its socket; returns psql's unaligned rows. */
  const psql = (node, sql) =>
    tool(bin, 'psql', [
      '-h',
      dir,
      '-p',
      String(node.port),
      '-U',
      'postgres',
      '-d',
      'postgres',
      '-XAtc',
      sql,
    ]).trim()
  const waitFor = async (what, test) => {
    const until = Date.now() + WAIT_MS
    while (!test()) {
      if (Date.now() > until) throw new Error(`pg-replicated: timed out waiting for ${what}`)
      await new Promise((resolve) => setTimeout(resolve, 50))
    }
  }

  /** Copies the primary into `node` (pg_basebackup -R), starts it as a standby, waits until it streams. */
  const attachStandby = async (node) => {
    const from = nodes[primary]
    rmSync(node.data, { recursive: true, force: true })
    tool(bin, 'pg_basebackup', [
      '-h',
      dir,
      '-p',
      String(from.port),
      '-U',
      'postgres',
      '-D',
      node.data,
      '-R',
      '-X',
      'stream',
      '--no-sync',
    ])
    // The copied setting would outlive a promotion: a standby has none (the last line wins).
    appendFileSync(join(node.data, 'postgresql.auto.conf'), "synchronous_standby_names = ''\n")
    start(node)
    if (synchronous) {
      psql(from, "ALTER SYSTEM SET synchronous_standby_names = '*'")
      psql(from, 'SELECT pg_reload_conf()')
    }
    const wanted = synchronous ? 'streaming|sync' : 'streaming|async'
    await waitFor(`the standby on port ${node.port} to stream`, () =>
      psql(from, 'SELECT state, sync_state FROM pg_stat_replication').split('\n').includes(wanted),
    )
  }

  const multiHost = (attrs) =>
    `postgres://postgres:${password}@${nodes.map((n) => `127.0.0.1:${n.port}`).join(',')}/postgres${attrs}`
  const cluster = {
    /** Both hosts; the driver connects to the one that is primary now. */
    url: multiHost('?target_session_attrs=read-write'),
    /** Both hosts without target_session_attrs (libpq's default, `any`). */
    anyUrl: multiHost(''),
    dir,
    password,
    synchronous,
    /** The current primary's and standby's single-host URLs and ports. */
    primary: () => describe(nodes[primary]),
    standby: () => describe(nodes[1 - primary]),
    /** Crashes the primary: no shutdown checkpoint, sessions cut. */
    crashPrimary() {
      stop(nodes[primary], 'immediate')
    },
    /** Stops the standby (a synchronous primary's commits then wait for it). */
    stopStandby() {
      stop(nodes[1 - primary], 'fast')
    },
    /** Promotes the standby (waits until it accepts writes); it is the primary from now on. */
    promote() {
      pgCtl(nodes[1 - primary], ['-w', 'promote'])
      primary = 1 - primary
    },
    /**
     * crashPrimary(), `downMs` without a primary (an HA manager's time to decide), then
     * promote(); without blocking the event loop. Resolves to the ms the promotion took.
     */
    async failover({ downMs = 0 } = {}) {
      const crashed = nodes[primary]
      await toolAsync(bin, 'pg_ctl', ['-D', crashed.data, '-m', 'immediate', '-w', 'stop'])
      crashed.running = false
      await new Promise((resolve) => setTimeout(resolve, downMs))
      const started = Date.now()
      await toolAsync(bin, 'pg_ctl', ['-D', nodes[1 - primary].data, '-w', 'promote'])
      primary = 1 - primary
      return Date.now() - started
    },
    /** Rebuilds the crashed node as the new primary's standby (synchronous again if so made). */
    async rejoin() {
      const node = nodes[1 - primary]
      stop(node, 'immediate')
      await attachStandby(node)
    },
    /** Runs SQL on the current primary (over its socket): psql's unaligned rows. */
    sql: (text) => psql(nodes[primary], text),
    destroy() {
      process.off('exit', onExit)
      try {
        for (const node of nodes) {
          try {
            stop(node, 'immediate')
          } catch {} // stop the other one anyway
        }
      } finally {
        rmSync(dir, { recursive: true, force: true })
      }
    },
  }
  const describe = (node) => ({
    port: node.port,
    url: `postgres://postgres:${password}@127.0.0.1:${node.port}/postgres`,
  })
  const onExit = () => cluster.destroy()
  process.on('exit', onExit)
  try {
    start(nodes[0])
    await attachStandby(nodes[1])
  } catch (error) {
    cluster.destroy()
    throw error
  }
  return cluster
}

// From the shell: start, print the URL, keep running until interrupted.
if (process.argv[1] === fileURLToPath(import.meta.url)) {
  const synchronous = !process.argv.includes('--async')
  await serveFromShell(() => startReplicatedCluster({ synchronous }))
}
