/** One parsed CSV row and the line it starts on (1-based). */
export interface CsvRow {
  fields: string[]
  line: number
}

export class CsvError extends Error {
  readonly line: number
  constructor(message: string, line: number) {
    super(message)
    this.line = line
  }
}

const FIELD_START = 0
const UNQUOTED = 1
const QUOTED = 2
/** A quote inside a quoted field: the first of an escaped pair, or the closing quote. */
const QUOTE_IN_QUOTED = 3

/**
 * A streaming RFC 4180 CSV parser: fields separated by commas, rows by LF, CRLF or CR; a field
 * in double quotes may hold commas, line breaks (kept as they are) and doubled quotes (`""`).
 * Empty lines are skipped. Throws CsvError on a quote inside an unquoted field, text after a
 * closing quote, or an unterminated quoted field.
 */
export async function* csvRows(chunks: AsyncIterable<string>): AsyncGenerator<CsvRow> {
  let state = FIELD_START
  let field = ''
  let fields: string[] = []
  let line = 1
  let rowLine = 1
  let afterCr = false
  let rowStarted = false

  const endRow = (): CsvRow | undefined => {
    fields.push(field)
    const row = rowStarted ? { fields, line: rowLine } : undefined
    field = ''
    fields = []
    state = FIELD_START
    rowStarted = false
    return row
  }

  for await (const chunk of chunks) {
    const rows: CsvRow[] = []
    for (let i = 0; i < chunk.length; i++) {
      const c = chunk[i]!
      const wasCr = afterCr
      afterCr = false
      if (wasCr && c === '\n') {
        if (state === QUOTED) field += c
        continue
      }
      if (state === QUOTED) {
        if (c === '"') state = QUOTE_IN_QUOTED
        else {
          field += c
          if (c === '\n' || c === '\r') {
            line++
            afterCr = c === '\r'
          }
        }
        continue
      }
      if (state === QUOTE_IN_QUOTED && c === '"') {
        field += '"'
        state = QUOTED
      } else if (c === ',') {
        fields.push(field)
        field = ''
        state = FIELD_START
        rowStarted = true
      } else if (c === '\n' || c === '\r') {
        const row = endRow()
        if (row) rows.push(row)
        line++
        rowLine = line
        afterCr = c === '\r'
      } else if (state === QUOTE_IN_QUOTED) {
        throw new CsvError(`unexpected ${JSON.stringify(c)} after a closing quote`, line)
      } else if (c === '"') {
        if (state === UNQUOTED) {
          throw new CsvError('a quote inside an unquoted field (quote the whole field)', line)
        }
        state = QUOTED
        rowStarted = true
      } else {
        field += c
        state = UNQUOTED
        rowStarted = true
      }
    }
    yield* rows
  }
  if (state === QUOTED) throw new CsvError('unterminated quoted field', rowLine)
  const last = endRow()
  if (last) yield last
}
