// The browser's `@kvgraph/graph/render`: the DOT and Mermaid text, without renderSvg/renderPng,
// which run the Graphviz `dot` binary (Node only).
export type { Direction, DotOptions, MermaidOptions, RenderOptions } from './options.js'
export { RenderError, type RenderErrorCode } from './render-error.js'
export { toDot } from './to-dot.js'
export { toMermaid } from './to-mermaid.js'
