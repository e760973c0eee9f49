import type { Command } from 'commander'
import { act, printFromStore } from '../action.js'
import { CliError } from '../errors.js'
import { duration } from '../io/parse.js'

export function registerLock(program: Command): void {
  const lock = program.command('lock').description('named leases with an owner and an expiry')

  lock
    .command('acquire')
    .description(
      'take the lock (or refresh it if <owner> holds it); exits 1 if another owner holds it',
    )
    .argument('<name>')
    .argument('<owner>')
    .option('--duration <duration>', 'lease length: 500ms, 30s, 5m... (default 30s)', duration)
    .action(
      act<{ duration?: number }, [string, string]>(async (ctx, opts, name, owner) => {
        const store = await ctx.store()
        const durationMs = opts.duration ?? 30_000
        if (!(await store.lockAcquire(name, owner, durationMs))) {
          const status = await store.lockStatus(name)
          const holder = status ? ` by ${JSON.stringify(status.owner)}` : ''
          throw new CliError('CLI_LOCK_HELD', `lock ${JSON.stringify(name)} is held${holder}`)
        }
        await ctx.out.json({ name, owner, acquired: true, durationMs })
      }),
    )

  lock
    .command('release')
    .description('release the lock if <owner> holds it; prints {"released": true|false}')
    .argument('<name>')
    .argument('<owner>')
    .action(
      printFromStore<[string, string]>(async (store, name, owner) => ({
        name,
        released: await store.lockRelease(name, owner),
      })),
    )

  lock
    .command('status')
    .description('print the lock holder and expiry, or {"name", "held": false} when free')
    .argument('<name>')
    .action(
      printFromStore<[string]>(async (store, name) => {
        const status = await store.lockStatus(name)
        return status ? { ...status, held: true } : { name, held: false }
      }),
    )
}
