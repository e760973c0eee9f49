#!/usr/bin/env node
import { CommanderError } from 'commander'
import { EXIT_OK, EXIT_USAGE, errorLine, exitCodeOf } from './errors.js'
import { maskPasswords } from './io/db-location.js'
import { createProgram } from './program.js'

function report(error: unknown): void {
  process.stderr.write(`${errorLine(error)}\n`)
  if (process.env.KV_DEBUG === '1' && error instanceof Error && error.stack) {
    process.stderr.write(`${maskPasswords(error.stack)}\n`)
  }
}

// A closed pipe (`kv list | head -1`) ends the command quietly.
process.stdout.on('error', (error: NodeJS.ErrnoException) => {
  if (error.code === 'EPIPE') process.exit(EXIT_OK)
  report(error)
  process.exit(1)
})
for (const event of ['uncaughtException', 'unhandledRejection'] as const) {
  process.on(event, (error: unknown) => {
    report(error)
    process.exit(1)
  })
}

try {
  const args = process.argv.slice(2)
  await (await createProgram(args)).parseAsync(args, { from: 'user' })
} catch (error) {
  if (error instanceof CommanderError) {
    // Help and --version exit 0; every other commander error is a usage error, already printed.
    process.exitCode = error.exitCode === 0 ? EXIT_OK : EXIT_USAGE
  } else {
    report(error)
    process.exitCode = exitCodeOf(error)
  }
}
