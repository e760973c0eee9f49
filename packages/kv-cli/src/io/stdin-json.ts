import type { JsonValue } from '@kvgraph/core'
import { CliError, usageError } from '../errors.js'

/** Reads standard input to its end as UTF-8. */
export async function readStdin(): Promise<string> {
  const chunks: Buffer[] = []
  for await (const chunk of process.stdin) chunks.push(chunk as Buffer)
  return Buffer.concat(chunks).toString('utf8')
}

/** Parses JSON text; `source` names where it came from ('stdin', '--value'). */
export function parseJson(text: string, source: string): JsonValue {
  if (text.trim() === '') {
    throw new CliError('CLI_INVALID_JSON', `${source} is empty: expected a JSON value`)
  }
  try {
    return JSON.parse(text) as JsonValue
  } catch (error) {
    throw new CliError('CLI_INVALID_JSON', `invalid JSON on ${source}: ${(error as Error).message}`)
  }
}

/**
 * A required JSON value: from the option when given, otherwise from standard input (which must
 * not be a terminal, so `kv put k` never waits silently for typing).
 */
export async function requiredJson(option: string | undefined, flag: string): Promise<JsonValue> {
  if (option !== undefined) return parseJson(option, flag)
  if (process.stdin.isTTY) {
    throw usageError(`expected a JSON value on stdin or in ${flag}`)
  }
  return parseJson(await readStdin(), 'stdin')
}

/**
 * Optional JSON object props: from the option when given, otherwise from standard input when it
 * is not a terminal; empty input means {}.
 */
export async function optionalProps(
  option: string | undefined,
  flag: string,
): Promise<{ [key: string]: JsonValue }> {
  let value: JsonValue
  if (option !== undefined) value = parseJson(option, flag)
  else if (process.stdin.isTTY) return {}
  else {
    const text = await readStdin()
    if (text.trim() === '') return {}
    value = parseJson(text, 'stdin')
  }
  if (typeof value !== 'object' || value === null || Array.isArray(value)) {
    const source = option !== undefined ? flag : 'stdin'
    throw new CliError('CLI_INVALID_JSON', `props on ${source} must be a JSON object`)
  }
  return value
}
