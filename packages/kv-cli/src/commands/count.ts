import type { Command } from 'commander'
import { printFromStore } from '../action.js'

export function registerCount(program: Command): void {
  const count = program.command('count').description('count records (without reading values)')

  count
    .command('all')
    .description('count every record')
    .action(printFromStore((store) => store.count()))

  count
    .command('prefix')
    .description('count the records whose key starts with <prefix>')
    .argument('<prefix>')
    .action(printFromStore<[string]>((store, prefix) => store.countPrefix(prefix)))

  count
    .command('range')
    .description('count the records with <from> <= key < <to>')
    .argument('<from>')
    .argument('<to>')
    .action(printFromStore<[string, string]>((store, from, to) => store.countRange(from, to)))
}
