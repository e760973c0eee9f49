import { CodedError } from '@kvgraph/core'
import { maskPasswords } from './io/db-location.js'

/** Error codes of the CLI itself; errors from the libraries keep their own codes (KV_*, GRAPH_*). */
export type CliErrorCode =
  /** A wrong invocation: bad flag value, missing input, conflicting options (exit status 2). */
  | 'CLI_USAGE'
  /** A key, node, edge, lock or path that was asked for does not exist. */
  | 'CLI_NOT_FOUND'
  /** Standard input or --value is not valid JSON, or not the JSON expected. */
  | 'CLI_INVALID_JSON'
  /** A line of an import file is malformed. */
  | 'CLI_INVALID_INPUT'
  /** A lock is held by another owner. */
  | 'CLI_LOCK_HELD'

/** Exit statuses: 0 success, 1 runtime error, 2 usage error. */
export const EXIT_OK = 0
export const EXIT_RUNTIME = 1
export const EXIT_USAGE = 2

/** An error the CLI reports as one line, `kv: <message> (<code>)`, then exits with `exitCode`. */
export class CliError extends CodedError<CliErrorCode> {
  override readonly name = 'CliError'
  readonly exitCode: number

  constructor(code: CliErrorCode, message: string, options: { cause?: unknown } = {}) {
    super(code, message, options)
    this.exitCode = code === 'CLI_USAGE' ? EXIT_USAGE : EXIT_RUNTIME
  }
}

export function usageError(message: string): CliError {
  return new CliError('CLI_USAGE', message)
}

export function notFound(message: string): CliError {
  return new CliError('CLI_NOT_FOUND', message)
}

/** `value` when there is one; else a CLI_NOT_FOUND error with `message` (exit status 1). */
export function found<T extends object>(value: T | undefined, message: string): T {
  if (!value) throw notFound(message)
  return value
}

/**
 * The one line printed for an error: never a stack trace, never more than one line, never a
 * password (a message may quote a --db URL).
 */
export function errorLine(error: unknown): string {
  const message = maskPasswords(error instanceof Error ? error.message : String(error))
  const code = errorCode(error)
  const text = oneLine(message) || 'unknown error'
  return code ? `kv: ${text} (${code})` : `kv: ${text}`
}

/** The error's `code` when it has a string one (KvError, GraphError, RenderError, Node's ENOENT...). */
export function errorCode(error: unknown): string | undefined {
  const code = (error as { code?: unknown } | null)?.code
  return typeof code === 'string' ? code : undefined
}

export function exitCodeOf(error: unknown): number {
  return error instanceof CliError ? error.exitCode : EXIT_RUNTIME
}

function oneLine(text: string): string {
  return text.replace(/\s*[\r\n]+\s*/g, ' ').trim()
}
