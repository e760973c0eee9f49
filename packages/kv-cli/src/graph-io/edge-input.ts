import type { JsonValue } from '@kvgraph/core'
import type { EdgeInput, NodeRef, Props } from '@kvgraph/graph'

/** A line of an import file: an edge, or a node record (as `kv graph export` writes them). */
export type ImportItem =
  | { kind: 'edge'; edge: EdgeInput }
  | { kind: 'node'; node: NodeRef; props: Props }

/** Thrown for a malformed line; the caller adds the file and line. */
export class InputError extends Error {}

/**
 * Reads one JSON-lines object. Accepted shapes:
 * - `{"from": {"type", "id"}, "type", "to": {"type", "id"}, "props"?}` (what export writes)
 * - `{"fromType", "fromId", "type", "toType", "toId", "props"?}`
 * - `{"node": {"type", "id"}, "props"?}` (a node record)
 */
export function itemOfJson(value: JsonValue): ImportItem {
  if (!isObject(value)) throw new InputError('expected a JSON object')
  if ('node' in value) {
    return { kind: 'node', node: nodeRef(value.node, 'node'), props: props(value.props) }
  }
  const from =
    'from' in value ? nodeRef(value.from, 'from') : flatRef(value.fromType, value.fromId, 'from')
  const to = 'to' in value ? nodeRef(value.to, 'to') : flatRef(value.toType, value.toId, 'to')
  return {
    kind: 'edge',
    edge: { from, type: text(value.type, 'type'), to, props: props(value.props) },
  }
}

export const CSV_COLUMNS = ['from_type', 'from_id', 'type', 'to_type', 'to_id'] as const

/** Column positions from a CSV header: the five edge columns and an optional `props`. */
export interface CsvLayout {
  index: number[]
  props: number
  width: number
}

export function csvLayout(header: string[]): CsvLayout {
  const names = header.map((name, i) => (i === 0 ? name.replace(/^\ufeff/, '') : name).trim())
  for (const name of names) {
    if (!(CSV_COLUMNS as readonly string[]).includes(name) && name !== 'props') {
      throw new InputError(
        `unknown column ${JSON.stringify(name)}: expected ${CSV_COLUMNS.join(',')}[,props]`,
      )
    }
  }
  const index = CSV_COLUMNS.map((column) => {
    const at = names.indexOf(column)
    if (at < 0) {
      throw new InputError(`missing column ${column}: expected ${CSV_COLUMNS.join(',')}[,props]`)
    }
    return at
  })
  return { index, props: names.indexOf('props'), width: names.length }
}

export function itemOfCsv(fields: string[], layout: CsvLayout): ImportItem {
  if (fields.length !== layout.width) {
    throw new InputError(`expected ${layout.width} fields, found ${fields.length}`)
  }
  const [ft, fid, type, tt, tid] = layout.index.map((i) => fields[i]!) as [
    string,
    string,
    string,
    string,
    string,
  ]
  let edgeProps: Props = {}
  const raw = layout.props < 0 ? '' : fields[layout.props]!
  if (raw.trim() !== '') {
    let parsed: JsonValue
    try {
      parsed = JSON.parse(raw) as JsonValue
    } catch (error) {
      throw new InputError(`invalid JSON in the props column: ${(error as Error).message}`)
    }
    edgeProps = props(parsed)
  }
  return {
    kind: 'edge',
    edge: { from: { type: ft, id: fid }, type, to: { type: tt, id: tid }, props: edgeProps },
  }
}

function isObject(value: unknown): value is { [key: string]: JsonValue } {
  return typeof value === 'object' && value !== null && !Array.isArray(value)
}

function text(value: unknown, name: string): string {
  if (typeof value !== 'string') throw new InputError(`${name} must be a string`)
  return value
}

function nodeRef(value: unknown, name: string): NodeRef {
  if (!isObject(value)) throw new InputError(`${name} must be an object {"type", "id"}`)
  return { type: text(value.type, `${name}.type`), id: text(value.id, `${name}.id`) }
}

function flatRef(type: unknown, id: unknown, name: string): NodeRef {
  return { type: text(type, `${name}Type`), id: text(id, `${name}Id`) }
}

function props(value: unknown): Props {
  if (value === undefined) return {}
  if (!isObject(value)) throw new InputError('props must be a JSON object')
  return value
}
