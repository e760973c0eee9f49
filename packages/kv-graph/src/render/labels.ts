import type { Props } from '../types.js'
import type { DrawableEdge, DrawableNode } from './drawable-graph.js'

/** Props longer than this many characters (graphemes) are cut and end with an ellipsis. */
export const PROPS_MAX_LENGTH = 48

const graphemes = new Intl.Segmenter(undefined, { granularity: 'grapheme' })

/**
 * The text a label shows for a piece of data. Line breaks (LF, CRLF, CR) become '\n', which each
 * format draws as its own line break; other control characters become their visible Unicode
 * "control pictures" (U+2400 block) because no output format can show them; lone surrogates and
 * the non-characters U+FFFE and U+FFFF (invalid in XML, so in Graphviz's SVG) become U+FFFD.
 * Everything else is kept exactly: escaping is the encoders' job.
 */
export function displayText(text: string): string {
  return text
    .toWellFormed()
    .replace(/[\uFFFE\uFFFF]/g, '\uFFFD')
    .replace(/\r\n?/g, '\n')
    .replace(/[\x00-\x08\x0b-\x1f\x7f]/g, (char) => {
      const code = char.charCodeAt(0)
      return String.fromCharCode(code === 0x7f ? 0x2421 : 0x2400 + code)
    })
}

/** Cuts text to `max` graphemes (the last one an ellipsis), never inside a grapheme. */
export function shorten(text: string, max = PROPS_MAX_LENGTH): string {
  if (text.length <= max) return text
  const parts = Array.from(graphemes.segment(text), (part) => part.segment)
  if (parts.length <= max) return text
  return `${parts.slice(0, max - 1).join('')}…`
}

/** Props as compact, shortened JSON; undefined when there are none to show. */
export function propsText(props: Props): string | undefined {
  if (Object.keys(props).length === 0) return undefined
  return shorten(displayText(JSON.stringify(props)))
}

/** `Type:id`, then the props on a second line when asked for. */
export function nodeLabel(node: DrawableNode, showProps: boolean): string {
  const head = `${displayText(node.type)}:${displayText(node.id)}`
  const props = showProps ? propsText(node.props) : undefined
  return props === undefined ? head : `${head}\n${props}`
}

/** The edge type, then its props on a second line when asked for; may be empty. */
export function edgeLabel(edge: DrawableEdge, showProps: boolean): string {
  const head = displayText(edge.type)
  const props = showProps ? propsText(edge.props) : undefined
  if (props === undefined) return head
  return head === '' ? props : `${head}\n${props}`
}
