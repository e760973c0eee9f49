import type { BackupProgress, Store } from '@kvgraph/core'
import type { Command } from 'commander'
import { act } from '../action.js'
import { isUrl, maskPasswords, storeLocation } from '../io/db-location.js'
import { Output } from '../io/output.js'
import { Progress } from '../io/progress.js'

interface BackupFlags {
  stream: boolean
  gzip: boolean
}

interface CopyFlags {
  stream: boolean
  force?: boolean
}

/** A progress bar in records (on a terminal only) and the listener that moves it. */
function progressOf(label: string): { bar: Progress; onProgress: (p: BackupProgress) => void } {
  let bar: Progress | undefined
  const onProgress = (p: BackupProgress) => {
    bar ??= new Progress(label, p.total, { unit: 'entries', rate: true })
    bar.update(p.entries)
  }
  return {
    get bar() {
      return bar ?? new Progress(label, 0, { unit: 'entries' })
    },
    onProgress,
  }
}

export function registerBackup(program: Command): void {
  const backup = program
    .command('backup')
    .description(
      'write a point-in-time backup of the whole store (online) to a file, or - for stdout',
    )
    .argument('<file>', 'the backup file, or - for standard output')
    .option('--no-stream', 'leave the change stream out (consumers move to its head)')
    .option('--no-gzip', 'write the backup uncompressed')
    .addHelpText(
      'after',
      `
Prints a one-line JSON summary ({records, streamEntries, seq, bytes, sha256}); with - it goes
to stderr. A progress bar with entries/s and ETA is drawn on stderr when it is a terminal.
Restore with kv restore; check a file with kv backup verify. Format: docs/backup.md.`,
    )
    .action(
      act<BackupFlags, [string]>(async (ctx, opts, file) => {
        const store = await ctx.store()
        const progress = progressOf('backup')
        const toStdout = file === '-'
        const info = await store.backup(toStdout ? process.stdout : file, {
          stream: opts.stream,
          gzip: opts.gzip,
          onProgress: progress.onProgress,
        })
        progress.bar.finish()
        const summary = { file: toStdout ? '-' : file, ...info }
        if (toStdout) {
          const err = new Output(false, process.stderr)
          await err.json(summary)
          await err.flush()
        } else await ctx.out.json(summary)
      }),
    )

  backup
    .command('verify')
    .description('read a whole backup and check it (checksums, counts, SHA-256) without restoring')
    .argument('<file>', 'the backup file, or - for standard input')
    .action(
      act<object, [string]>(async (ctx, _opts, file) => {
        const { verifyBackup } = await import('@kvgraph/core')
        await ctx.out.json(await verifyBackup(file === '-' ? process.stdin : file))
      }),
    )

  program
    .command('restore')
    .description('restore a backup (a file, or - for stdin) into the store, which must be empty')
    .argument('<file>', 'the backup file, or - for standard input')
    .option('--force', 'replace what the store holds (it is deleted first)')
    .addHelpText(
      'after',
      `
Fails with KV_NOT_EMPTY on a store that holds data, unless --force. A restore that fails or is
killed leaves the store marked: it then refuses to open (KV_RESTORE_INCOMPLETE) until kv restore
runs again and completes.`,
    )
    .action(
      act<{ force?: boolean }, [string]>(async (ctx, opts, file) => {
        // force on open: a store an interrupted restore marked may be restored again.
        const store = await ctx.store({ force: true })
        const progress = progressOf('restore')
        const restored = await store.restore(file === '-' ? process.stdin : file, {
          force: opts.force === true,
          onProgress: progress.onProgress,
        })
        progress.bar.finish()
        await ctx.out.json({ file, ...restored })
      }),
    )

  program
    .command('copy')
    .description(
      'copy the whole store (--db) into another one, online: kv copy postgres://... --db ./data',
    )
    .argument('<to>', 'the target: a LevelDB directory or a postgres:// URL (must be empty)')
    .option('--no-stream', 'leave the change stream out (consumers move to its head)')
    .option('--force', 'replace what the target holds')
    .action(
      act<CopyFlags, [string]>(async (ctx, opts, to) => {
        const { copyStore, openStore } = await import('@kvgraph/core')
        const source = await ctx.store()
        const target: Store = await openStore(storeLocation(to), { force: true })
        try {
          const progress = progressOf('copy')
          const copied = await copyStore(source, target, {
            stream: opts.stream,
            force: opts.force === true,
            onProgress: progress.onProgress,
          })
          progress.bar.finish()
          const shown = isUrl(to) ? maskPasswords(to) : storeLocation(to)
          await ctx.out.json({ from: ctx.dbLabel, to: shown, ...copied })
        } finally {
          await target.close()
        }
      }),
    )
}
