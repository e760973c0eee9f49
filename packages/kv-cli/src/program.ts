import { Command } from 'commander'
import { COMMAND_MODULES, commandName } from './commands/registry.js'
import { cliVersion } from './version.js'

/**
 * The `kv` program for `args` (argv without node and the script). Only the module of the command
 * being run is loaded (all of them for help or an unknown command), and what a command runs (the
 * store, the graph, the renderers) loads on first use. Usage errors throw a CommanderError after
 * printing one line; see bin.ts for exit statuses.
 */
export async function createProgram(args: readonly string[]): Promise<Command> {
  const program = new Command('kv')
  program
    .description(
      'kvgraph: a versioned JSON key-value store and graph database on LevelDB or PostgreSQL',
    )
    .version(cliVersion(), '-V, --version', 'print the version')
    .enablePositionalOptions()
    .exitOverride()
    .configureOutput({
      outputError: (message, write) => write(`${usageLine(message)}\n`),
    })
    .addHelpText(
      'after',
      `
Output is JSON (one record per line for lists); --pretty indents it. Errors print one line
"kv: <message> (<CODE>)" on stderr. Exit status: 0 success, 1 runtime error (including a
missing key), 2 usage error.

Examples:
  kv init --db ./data
  kv info --db 'postgres://user:password@host:5432/db?table=people'
  echo '{"name":"Alice"}' | kv put user/alice
  kv get key user/alice --pretty
  kv list --limit 10                 # next cursor printed on stderr
  kv graph add-edge User alice follows User bob
  kv graph view --format dot | dot -Tsvg > graph.svg`,
    )

  const name = commandName(args)
  const wanted = COMMAND_MODULES.filter((entry) => name !== undefined && entry.names.includes(name))
  const versionOnly = name === undefined && (args.includes('-V') || args.includes('--version'))
  const modules = wanted.length > 0 ? wanted : versionOnly ? [] : COMMAND_MODULES
  const registers = await Promise.all(modules.map((entry) => entry.load()))
  for (const register of registers) register(program)

  addGlobalOptions(program)
  return program
}

/**
 * --db and --pretty on every command, so they work before or after the command name. The root
 * uses positional options (its own options only before a command), which lets `put --version`
 * be put's version check rather than the program's --version.
 */
function addGlobalOptions(command: Command): void {
  command
    .option(
      '--db <path|url>',
      'LevelDB directory or postgres:// URL (default: $KV_DB, else ./data)',
    )
    .option('--pretty', 'indented, human-readable output')
  for (const sub of command.commands) addGlobalOptions(sub)
}

/** Commander's error text as one line: `kv: unknown option '--x' (CLI_USAGE)`. */
export function usageLine(message: string): string {
  const text = message
    .replace(/^error:\s*/, '')
    .replace(/\s*[\r\n]+\s*/g, ' ')
    .trim()
  return `kv: ${text} (CLI_USAGE)`
}
