import { readdir, stat } from 'node:fs/promises'
import { join } from 'node:path'
import type { ReplicationPeer } from '@kvgraph/core'
import type { Command } from 'commander'
import { act } from '../action.js'
import type { Context } from '../context.js'
import { formatBytes } from '../io/progress.js'
import { cliVersion } from '../version.js'

export function registerInfo(program: Command): void {
  program
    .command('info')
    .description(
      'print the engine, version, path (or URL, table, server version, host, role and standbys), size, and record counts in total and per type',
    )
    .addHelpText(
      'after',
      "\nCounting per type reads every record once (streamed, bounded memory): quick for\nmoderate databases, a full scan for large ones. On PostgreSQL the size is the table's\nwith its indexes, as the server counts it (null where the server does not tell).",
    )
    .action(
      act(async (ctx) => {
        const store = await ctx.store()
        const types = new Map<string, number>()
        let records = 0
        for await (const record of store.entries({ prefix: '' })) {
          records++
          types.set(record.type, (types.get(record.type) ?? 0) + 1)
        }
        const info = {
          engine: store.engine,
          version: cliVersion(),
          ...(await whereAndSize(ctx)),
          records,
          types: Object.fromEntries([...types].sort(([a], [b]) => (a < b ? -1 : a > b ? 1 : 0))),
          graph: await (await ctx.graph()).counts(),
        }
        if (!ctx.globals.pretty) return ctx.out.json(info)
        const size = info.sizeBytes
        const rows: [string, string][] = [
          ['engine', info.engine],
          ['version', info.version],
          ...('url' in info
            ? ([
                ['url', info.url],
                ['table', info.table ?? ''],
                ['server', info.serverVersion ?? 'unknown'],
                ...serverRows(info),
              ] as [string, string][])
            : ([['path', info.path]] as [string, string][])),
          ['size', size === null ? 'unknown' : `${formatBytes(size)} (${size} bytes)`],
          ['records', String(info.records)],
          ['graph', `${info.graph.nodeRecords} node records, ${info.graph.edges} edges`],
        ]
        let text = rows.map(([k, v]) => `${k.padEnd(9)}${v}\n`).join('')
        if (types.size > 0) {
          text += 'types:\n'
          const width = Math.max(...[...types.keys()].map((t) => t.length))
          for (const [type, n] of Object.entries(info.types))
            text += `  ${type.padEnd(width)}  ${n}\n`
        }
        await ctx.out.text(text)
      }),
    )
}

/** The host and role, and one row per standby, where the server tells them. */
function serverRows(where: Where): [string, string][] {
  if (!('url' in where) || where.role === undefined) return []
  const rows: [string, string][] = [['host', `${where.host ?? 'unknown'} (${where.role})`]]
  for (const peer of where.replication ?? []) {
    const from = peer.address === undefined ? '' : ` from ${peer.address}`
    rows.push(['standby', `${peer.name}${from}: ${peer.state}, ${peer.syncState}`])
  }
  if (where.role === 'primary' && where.replication?.length === 0) rows.push(['standby', 'none'])
  return rows
}

type Where =
  | { path: string; sizeBytes: number }
  | {
      url: string
      table?: string
      serverVersion?: string
      /** The host answering as the store's server now (the primary, on a cluster). */
      host?: string
      role?: 'primary' | 'standby'
      /** The primary's standbys (pg_stat_replication). */
      replication?: ReplicationPeer[]
      sizeBytes: number | null
    }

/**
 * Where the database is and its size: a directory and the bytes of its files, or, on a server,
 * the URL (password masked), table and version with the size the engine reports.
 */
async function whereAndSize(ctx: Context): Promise<Where> {
  if (!ctx.dbIsUrl) return { path: ctx.dbLocation, sizeBytes: await directorySize(ctx.dbLocation) }
  const info = await (await ctx.store()).engineInfo()
  return {
    url: ctx.dbLabel,
    ...(info.table === undefined ? {} : { table: info.table }),
    ...(info.serverVersion === undefined ? {} : { serverVersion: info.serverVersion }),
    ...(info.host === undefined ? {} : { host: info.host }),
    ...(info.role === undefined ? {} : { role: info.role }),
    ...(info.replication === undefined ? {} : { replication: info.replication }),
    sizeBytes: info.bytes ?? null,
  }
}

/** The sum of the sizes of the files under a directory. */
async function directorySize(dir: string): Promise<number> {
  let total = 0
  for (const entry of await readdir(dir, { withFileTypes: true })) {
    const path = join(dir, entry.name)
    if (entry.isDirectory()) total += await directorySize(path)
    else if (entry.isFile()) total += (await stat(path)).size
  }
  return total
}
