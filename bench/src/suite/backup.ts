import { execFile } from 'node:child_process'
import { mkdtempSync, rmSync, statSync } from 'node:fs'
import { tmpdir } from 'node:os'
import { join } from 'node:path'
import { finished } from 'node:stream/promises'
import { fileURLToPath } from 'node:url'
import { promisify } from 'node:util'
import { copyStore, openStore } from '@kvgraph/core'
import { ClassicLevel } from 'classic-level'
import { pgServer, rawClient, tableUrl } from './pg-server.js'

const CHILD = fileURLToPath(new URL('./backup-rss-child.ts', import.meta.url))

/** RSS growth of one backup of the store at `source`, measured in a child process. */
async function backupRss(source: string, file: string): Promise<number> {
  const args = ['--expose-gc', '--import', import.meta.resolve('tsx'), CHILD, source, file]
  const { stdout } = await promisify(execFile)(process.execPath, args, { maxBuffer: 1 << 20 })
  const { before, peak } = JSON.parse(stdout) as { before: number; peak: number }
  return peak - before
}

export interface BackupBenchOptions {
  keys: number
  /** Skip the PostgreSQL rows (no server). */
  postgres: boolean
  log: (message: string) => void
}

interface Line {
  name: string
  kvgraphMs: number
  rawMs: number
  raw: string
}

const UTF8 = { keyEncoding: 'utf8', valueEncoding: 'utf8' } as const

/** Runs per figure; the best run counts (the machine is shared: the least disturbed run). */
const RUNS = 3

const timed = async <T>(fn: () => Promise<T>): Promise<[T, number]> => {
  let best = Number.POSITIVE_INFINITY
  let result: T | undefined
  for (let run = 0; run < RUNS; run++) {
    const start = performance.now()
    result = await fn()
    best = Math.min(best, performance.now() - start)
  }
  return [result as T, best]
}

/** Every raw entry of a LevelDB directory (the raw sides' input: the same keys and values). */
async function readAll(path: string): Promise<Array<[string, string]>> {
  const db = new ClassicLevel<string, string>(path, UTF8)
  const entries: Array<[string, string]> = []
  for await (const entry of db.iterator()) entries.push(entry)
  await db.close()
  return entries
}

/**
 * Backup, restore and copyStore against the raw work they cannot beat: a classic-level iterator
 * over the same keys, a batched classic-level import of the same entries, and PostgreSQL's COPY
 * of the same rows. The store is `keys` records written with the stream off (one entry each).
 */
export async function runBackupSuite(options: BackupBenchOptions): Promise<string> {
  const { keys, log } = options
  const dir = mkdtempSync(join(tmpdir(), 'kv-bench-backup-'))
  const lines: Line[] = []
  let rssGrowth = 0
  try {
    const source = join(dir, 'source')
    const store = await openStore(source, { stream: false })
    for (let at = 0; at < keys; at += 5000) {
      const puts = []
      for (let i = at; i < Math.min(keys, at + 5000); i++) {
        const id = String(i).padStart(8, '0')
        puts.push({
          op: 'put' as const,
          key: `user/${id}`,
          value: { id: i, name: `user ${i}`, tags: ['a', 'b'], score: i % 97 },
        })
      }
      await store.mutate(puts)
    }
    await store.close()
    log(`backup bench: ${keys} records written`)

    // Backup vs a raw iterator over the same keys.
    const [, rawIterate] = await timed(async () => {
      const db = new ClassicLevel<string, string>(source, UTF8)
      const iterator = db.iterator({ highWaterMarkBytes: 1 << 18 })
      let n = 0
      for (
        let batch = await iterator.nextv(1000);
        batch.length > 0;
        batch = await iterator.nextv(1000)
      )
        n += batch.length
      await iterator.close()
      await db.close()
      return n
    })
    const file = join(dir, 'backup.kvbackup')
    rssGrowth = await backupRss(source, join(dir, 'rss.kvbackup'))
    const opened = await openStore(source)
    const [info, backupMs] = await timed(() => opened.backup(file))
    await opened.close()
    lines.push({
      name: `backup (gzip, ${(info.bytes / 1e6).toFixed(1)} MB)`,
      kvgraphMs: backupMs,
      rawMs: rawIterate,
      raw: 'classic-level iterator',
    })
    log(`backup: ${backupMs.toFixed(0)} ms, raw iterator ${rawIterate.toFixed(0)} ms`)

    // Restore vs a raw batched import of the same entries.
    let runs = 0
    const entries = await readAll(source)
    const [, rawImport] = await timed(async () => {
      const db = new ClassicLevel<string, string>(join(dir, `raw-import-${runs++}`), UTF8)
      await db.open()
      for (let at = 0; at < entries.length; at += 1000) {
        const batch = db.batch()
        for (let i = at; i < Math.min(entries.length, at + 1000); i++)
          batch.put(entries[i]![0], entries[i]![1])
        await batch.write()
      }
      await db.close()
    })
    const [, restoreMs] = await timed(async () => {
      const target = await openStore(join(dir, `restored-${runs++}`))
      await target.restore(file)
      await target.close()
    })
    lines.push({
      name: 'restore (LevelDB)',
      kvgraphMs: restoreMs,
      rawMs: rawImport,
      raw: 'classic-level batches of 1,000',
    })
    log(`restore: ${restoreMs.toFixed(0)} ms, raw import ${rawImport.toFixed(0)} ms`)

    if (options.postgres) {
      const server = await pgServer(log)
      const sql = rawClient(server.url)
      try {
        const [, rawCopy] = await timed(async () => {
          await sql.unsafe('DROP TABLE IF EXISTS bench_raw_copy')
          await sql.unsafe('CREATE TABLE bench_raw_copy (k bytea PRIMARY KEY, v bytea NOT NULL)')
          const writable = await sql.unsafe('COPY bench_raw_copy (k, v) FROM STDIN').writable()
          let chunk: string[] = []
          for (const [k, v] of entries) {
            chunk.push(
              `\\\\x${Buffer.from(k).toString('hex')}\t\\\\x${Buffer.from(v).toString('hex')}\n`,
            )
            if (chunk.length === 1000) {
              if (!writable.write(chunk.join('')))
                await new Promise((r) => writable.once('drain', r))
              chunk = []
            }
          }
          writable.end(chunk.join(''))
          await finished(writable)
        })
        const tables: string[] = []
        const [, copyMs] = await timed(async () => {
          const table = `bench_copy_${Date.now().toString(36)}_${tables.length}`
          tables.push(table)
          const from = await openStore(source)
          const to = await openStore(tableUrl(server.url, table))
          await copyStore(from, to)
          await Promise.all([from.close(), to.close()])
        })
        for (const table of tables) await sql.unsafe(`DROP TABLE IF EXISTS "${table}"`)
        await sql.unsafe('DROP TABLE IF EXISTS bench_raw_copy')
        lines.push({
          name: 'copyStore LevelDB -> PostgreSQL',
          kvgraphMs: copyMs,
          rawMs: rawCopy,
          raw: 'COPY of the same rows',
        })
        log(`copyStore: ${copyMs.toFixed(0)} ms, raw COPY ${rawCopy.toFixed(0)} ms`)
      } finally {
        await sql.end()
        server.release()
      }
    }
    const size = statSync(file).size
    return report(keys, lines, rssGrowth, size)
  } finally {
    rmSync(dir, { recursive: true, force: true })
  }
}

function report(keys: number, lines: Line[], rssGrowth: number, size: number): string {
  const rows = lines.map(({ name, kvgraphMs, rawMs, raw }) => {
    const ratio = rawMs / kvgraphMs
    return `| ${name} | ${kvgraphMs.toFixed(0)} ms (${Math.round((keys / kvgraphMs) * 1000)}/s) | ${raw}: ${rawMs.toFixed(0)} ms | ${ratio.toFixed(2)}x ${ratio >= 0.5 ? '(target >= 0.5x met)' : '(target >= 0.5x MISSED)'} |`
  })
  return [
    `## Backup, restore and copy: ${keys.toLocaleString('en')} records`,
    '',
    `Best of ${RUNS} runs each, on a shared machine (figures vary with its load).`,
    '',
    '| operation | kvgraph | raw | speed vs raw |',
    '| --- | --- | --- | --- |',
    ...rows,
    '',
    `RSS growth during one backup (peak minus start, in a process of its own): ${(rssGrowth / 1e6).toFixed(1)} MB (target < 150 MB); backup file ${(size / 1e6).toFixed(1)} MB.`,
  ].join('\n')
}
