import type { GraphView } from '../types.js'
import {
  checkDotOptions,
  checkOptionalString,
  checkOptionsObject,
  invalidArgument,
  type RenderOptions,
} from './options.js'
import { runDot } from './run-dot.js'
import { drawDot } from './to-dot.js'

async function render(where: string, input: unknown, options: unknown, format: 'svg' | 'png') {
  const opts = checkOptionsObject(where, options)
  const dotCommand = checkOptionalString(where, 'options.dotCommand', opts.dotCommand) ?? 'dot'
  const dotOptions = checkDotOptions(where, opts)
  let dot: string
  if (typeof input === 'string') dot = input
  else if (typeof input === 'object' && input !== null) dot = drawDot(where, input, dotOptions)
  else throw invalidArgument(where, 'input', 'a GraphView or DOT text', input)
  return runDot(where, dotCommand, format, dot)
}

/**
 * Renders a view (drawn with `toDot` and these options; they are ignored for DOT text) or DOT
 * text to SVG with Graphviz `dot`.
 *
 * @example
 * const svg = await renderSvg(view, { rankdir: 'TB' })
 */
export async function renderSvg(
  input: GraphView | string,
  options?: RenderOptions,
): Promise<string> {
  return (await render('renderSvg', input, options, 'svg')).toString('utf8')
}

/**
 * Renders a view or DOT text to PNG bytes with Graphviz `dot`.
 *
 * @example
 * await writeFile('graph.png', await renderPng('digraph { a -> b }'))
 */
export async function renderPng(
  input: GraphView | string,
  options?: RenderOptions,
): Promise<Uint8Array> {
  const bytes = await render('renderPng', input, options, 'png')
  return new Uint8Array(bytes.buffer, bytes.byteOffset, bytes.byteLength)
}
