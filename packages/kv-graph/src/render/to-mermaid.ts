import type { GraphView } from '../types.js'
import { checkView } from './check-view.js'
import { toDrawable } from './drawable-graph.js'
import { edgeLabel, nodeLabel } from './labels.js'
import { mermaidLabel } from './mermaid-escape.js'
import { checkBoolean, checkDirection, checkOptionsObject, type MermaidOptions } from './options.js'

/**
 * Draws a view as a Mermaid flowchart. Node ids are generated (`n0`, `n1`, … in view order):
 * data only ever appears inside quoted labels, entity-encoded (see `mermaidLabel`). Nodes that
 * edges reference but the view lacks are added, drawn dashed (class `implicit`).
 *
 * Mermaid itself refuses more than 500 edges and 50,000 characters unless initialised with a
 * higher `maxEdges` / `maxTextSize`.
 *
 * @example
 * const text = toMermaid(view, { direction: 'TB' })
 */
export function toMermaid(view: GraphView, options?: MermaidOptions): string {
  const where = 'toMermaid'
  const opts = checkOptionsObject(where, options)
  const direction = checkDirection(where, 'options.direction', opts.direction)
  const showProps = checkBoolean(where, 'options.showProps', opts.showProps)
  checkView(where, view)
  const drawable = toDrawable(view)

  const lines = [`flowchart ${direction}`]
  drawable.nodes.forEach((node, i) => {
    lines.push(`  n${i}("${mermaidLabel(nodeLabel(node, showProps))}")`)
  })
  for (const edge of drawable.edges) {
    const label = edgeLabel(edge, showProps)
    // An empty quoted label does not parse, so an empty label is no label.
    const arrow = label === '' ? '-->' : `-->|"${mermaidLabel(label)}"|`
    lines.push(`  n${edge.from} ${arrow} n${edge.to}`)
  }
  const implicit = drawable.nodes.flatMap((node, i) => (node.implicit ? [`n${i}`] : []))
  if (implicit.length > 0) {
    lines.push('  classDef implicit stroke-dasharray:4 4')
    lines.push(`  class ${implicit.join(',')} implicit`)
  }
  return `${lines.join('\n')}\n`
}
