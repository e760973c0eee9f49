import { describeValue } from '@kvgraph/core'
import { RenderError } from './render-error.js'

/** Layout direction, shared by DOT `rankdir` and the Mermaid flowchart direction. */
export type Direction = 'LR' | 'TB' | 'RL' | 'BT'

export const DIRECTIONS: readonly Direction[] = ['LR', 'TB', 'RL', 'BT']

export interface DotOptions {
  /** Graphviz `rankdir`. Default `'LR'`. */
  rankdir?: Direction
  /** Add each node's and edge's props, as compact JSON cut at 48 characters. Default false. */
  showProps?: boolean
  /** A title drawn above the graph. */
  title?: string
}

export interface MermaidOptions {
  /** Flowchart direction. Default `'LR'`. */
  direction?: Direction
  /** Add each node's and edge's props, as compact JSON cut at 48 characters. Default false. */
  showProps?: boolean
}

export interface RenderOptions extends DotOptions {
  /**
   * Path of the Graphviz `dot` executable. Default `'dot'` (looked up on PATH). Use a trusted,
   * hard-coded value: it is executed.
   */
  dotCommand?: string
}

export function invalidArgument(where: string, name: string, expected: string, value: unknown) {
  return new RenderError(
    'RENDER_INVALID_ARGUMENT',
    `${where}: ${name} must be ${expected}: received ${describeValue(value)}`,
  )
}

/** Checks the options object itself and returns it as a record of unknown fields. */
export function checkOptionsObject(where: string, options: unknown): Record<string, unknown> {
  if (options === undefined) return {}
  if (typeof options !== 'object' || options === null || Array.isArray(options)) {
    throw invalidArgument(where, 'options', 'an object', options)
  }
  return options as Record<string, unknown>
}

export function checkDirection(where: string, name: string, value: unknown): Direction {
  if (value === undefined) return 'LR'
  if (!DIRECTIONS.includes(value as Direction)) {
    throw invalidArgument(where, name, `one of ${DIRECTIONS.join(', ')}`, value)
  }
  return value as Direction
}

export function checkBoolean(where: string, name: string, value: unknown): boolean {
  if (value === undefined) return false
  if (typeof value !== 'boolean') throw invalidArgument(where, name, 'a boolean', value)
  return value
}

export function checkOptionalString(where: string, name: string, value: unknown) {
  if (value === undefined) return undefined
  if (typeof value !== 'string') throw invalidArgument(where, name, 'a string', value)
  return value
}

export interface CheckedDotOptions {
  rankdir: Direction
  showProps: boolean
  title: string | undefined
}

/** Checks toDot's options; `where` names the public function in error messages. */
export function checkDotOptions(where: string, options: unknown): CheckedDotOptions {
  const opts = checkOptionsObject(where, options)
  return {
    rankdir: checkDirection(where, 'options.rankdir', opts.rankdir),
    showProps: checkBoolean(where, 'options.showProps', opts.showProps),
    title: checkOptionalString(where, 'options.title', opts.title),
  }
}
