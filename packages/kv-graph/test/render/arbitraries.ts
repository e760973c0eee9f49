import fc from 'fast-check'
import type { GraphView, NodeRef, Props } from '../../src/types.js'
import { hostileStrings } from './fixtures.js'

// Characters that mean something to DOT, Graphviz labels, Mermaid or HTML, densely mixed.
const markupChars = Array.from('"\\\n\r\t]|;#&<>%{}()[]-`:=/ ').concat([
  '\ud800',
  '\udc00',
  '\u2028',
])

// Words and sequences that Mermaid or Graphviz read specially, to be strung together.
const markupTokens = [
  'style',
  'classDef',
  'class',
  'click',
  'end',
  'subgraph',
  'javascript:',
  'href',
  '%%',
  '%%{',
  '}%%',
  '#quot;',
  '#35;',
  '&amp;',
  '&#60;',
  '<br>',
  '<script>',
  '\\n',
  '\\N',
  '-->',
  '---',
  'ﬂ°°',
  '¶ß',
  ' ',
  ':',
  '#',
  ';',
  '"',
  '\n',
]

/** Label text: hostile strings, arbitrary code points or units, and dense markup. */
export const labelText: fc.Arbitrary<string> = fc.oneof(
  { weight: 2, arbitrary: fc.constantFrom(...hostileStrings) },
  { weight: 3, arbitrary: fc.string({ unit: 'binary', maxLength: 24 }) },
  { weight: 2, arbitrary: fc.string({ unit: 'grapheme', maxLength: 12 }) },
  { weight: 3, arbitrary: fc.string({ unit: fc.constantFrom(...markupChars), maxLength: 16 }) },
  {
    weight: 2,
    arbitrary: fc.array(fc.constantFrom(...markupTokens), { maxLength: 8 }).map((t) => t.join('')),
  },
  {
    weight: 1,
    arbitrary: fc.string({
      unit: fc.integer({ min: 0, max: 0xffff }).map((code) => String.fromCharCode(code)),
      maxLength: 8,
    }),
  },
)

const props: fc.Arbitrary<Props> = fc.oneof(
  fc.constant({}),
  fc.dictionary(labelText, fc.jsonValue({ maxDepth: 2 }) as fc.Arbitrary<Props[string]>, {
    maxKeys: 3,
  }),
)

const ref: fc.Arbitrary<NodeRef> = fc.record({
  type: fc.oneof(fc.constantFrom('User', 'Post'), labelText),
  id: labelText,
})

/**
 * A view with many labelled nodes (so one `dot` spawn checks many labels), duplicate nodes,
 * multi-edges, self-loops, and edges to nodes the view lacks.
 */
export const graphView: fc.Arbitrary<GraphView> = fc
  .record({
    nodes: fc.array(fc.record({ ref, props }), { minLength: 8, maxLength: 24 }),
    outside: fc.array(ref, { maxLength: 3 }),
    edges: fc.array(fc.record({ from: fc.nat(), to: fc.nat(), type: labelText, props }), {
      minLength: 8,
      maxLength: 24,
    }),
    duplicate: fc.boolean(),
  })
  .map(({ nodes, outside, edges, duplicate }) => {
    const graphNodes = nodes.map((node) => ({ ...node.ref, props: node.props }))
    if (duplicate) graphNodes.push({ ...graphNodes[0]!, props: { duplicate: true } })
    const refs = [...graphNodes.map(({ type, id }) => ({ type, id })), ...outside]
    return {
      nodes: graphNodes,
      edges: edges.map((edge) => ({
        from: refs[edge.from % refs.length]!,
        to: refs[edge.to % refs.length]!,
        type: edge.type,
        props: edge.props,
      })),
      truncated: false,
    }
  })
