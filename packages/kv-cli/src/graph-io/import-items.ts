import type { JsonValue } from '@kvgraph/core'
import { CliError } from '../errors.js'
import { CsvError, csvRows } from './csv.js'
import { csvLayout, type ImportItem, InputError, itemOfCsv, itemOfJson } from './edge-input.js'
import { lines } from './text-chunks.js'

export type ImportFormat = 'jsonl' | 'csv'

/** A parsed line and where it came from. */
export interface LocatedItem {
  item: ImportItem
  line: number
}

/** The format of a file from its extension; undefined when the extension does not say. */
export function formatOfName(file: string): ImportFormat | undefined {
  const lower = file.toLowerCase()
  if (lower.endsWith('.csv')) return 'csv'
  if (lower.endsWith('.jsonl') || lower.endsWith('.ndjson') || lower.endsWith('.json')) {
    return 'jsonl'
  }
  return undefined
}

/** Parses an import stream lazily, one item at a time; malformed input throws CLI_INVALID_INPUT. */
export async function* importItems(
  chunks: AsyncIterable<string>,
  format: ImportFormat | undefined,
  source: string,
): AsyncGenerator<LocatedItem> {
  const iterator = chunks[Symbol.asyncIterator]()
  const first = await iterator.next()
  if (first.done) return
  const detected = format ?? (/^\s*\{/.test(first.value) ? 'jsonl' : 'csv')
  const all = replay(first.value, iterator)
  if (detected === 'jsonl') yield* jsonItems(all, source)
  else yield* csvItems(all, source)
}

async function* jsonItems(chunks: AsyncIterable<string>, source: string) {
  for await (const { text, line } of lines(chunks)) {
    if (text.trim() === '') continue
    let value: JsonValue
    try {
      value = JSON.parse(text) as JsonValue
    } catch (error) {
      throw invalidInput(source, line, `invalid JSON: ${(error as Error).message}`)
    }
    yield { item: located(() => itemOfJson(value), source, line), line }
  }
}

async function* csvItems(chunks: AsyncIterable<string>, source: string) {
  let layout: ReturnType<typeof csvLayout> | undefined
  try {
    for await (const row of csvRows(chunks)) {
      if (!layout) {
        layout = located(() => csvLayout(row.fields), source, row.line)
        continue
      }
      const current = layout
      yield {
        item: located(() => itemOfCsv(row.fields, current), source, row.line),
        line: row.line,
      }
    }
  } catch (error) {
    if (error instanceof CsvError) throw invalidInput(source, error.line, error.message)
    throw error
  }
}

function located<T>(parse: () => T, source: string, line: number): T {
  try {
    return parse()
  } catch (error) {
    if (error instanceof InputError) throw invalidInput(source, line, error.message)
    throw error
  }
}

export function invalidInput(source: string, line: number, message: string): CliError {
  return new CliError('CLI_INVALID_INPUT', `${source}:${line}: ${message}`)
}

async function* replay(first: string, rest: AsyncIterator<string>): AsyncGenerator<string> {
  try {
    yield first
    for (let next = await rest.next(); !next.done; next = await rest.next()) yield next.value
  } finally {
    await rest.return?.()
  }
}
