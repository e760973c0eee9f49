import type { Command } from 'commander'

/** Adds one or more top-level commands to the program. */
export type Register = (program: Command) => void

/**
 * The top-level commands and the module defining each, in help order. Modules load on demand:
 * `kv get key x` loads only the module of `get`, which keeps the start-up of a command short.
 */
export const COMMAND_MODULES: { names: string[]; load: () => Promise<Register> }[] = [
  { names: ['init'], load: async () => (await import('./init.js')).registerInit },
  { names: ['get', 'list'], load: async () => (await import('./get.js')).registerGet },
  { names: ['count'], load: async () => (await import('./count.js')).registerCount },
  { names: ['put', 'patch'], load: async () => (await import('./write.js')).registerWrite },
  {
    names: ['delete', 'delete-prefix', 'delete-range'],
    load: async () => (await import('./delete.js')).registerDelete,
  },
  { names: ['seq'], load: async () => (await import('./seq.js')).registerSeq },
  { names: ['stream'], load: async () => (await import('./stream.js')).registerStream },
  { names: ['consumer'], load: async () => (await import('./consumer.js')).registerConsumer },
  { names: ['watch'], load: async () => (await import('./watch.js')).registerWatch },
  { names: ['lock'], load: async () => (await import('./lock.js')).registerLock },
  { names: ['graph'], load: async () => (await import('./graph-group.js')).registerGraphGroup },
  { names: ['task'], load: async () => (await import('./task.js')).registerTask },
  {
    names: ['backup', 'restore', 'copy'],
    load: async () => (await import('./backup.js')).registerBackup,
  },
  { names: ['serve'], load: async () => (await import('./serve.js')).registerServe },
  { names: ['info'], load: async () => (await import('./info.js')).registerInfo },
  { names: ['benchmark'], load: async () => (await import('./benchmark.js')).registerBenchmark },
]

/**
 * The command name in argv (the first operand, skipping the program's own options), or
 * undefined when there is none.
 */
export function commandName(args: readonly string[]): string | undefined {
  for (let i = 0; i < args.length; i++) {
    const arg = args[i]!
    if (arg === '--db') i++
    else if (!arg.startsWith('-')) return arg
  }
  return undefined
}
