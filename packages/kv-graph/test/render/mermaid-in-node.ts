import type { Mermaid } from 'mermaid'
import { createWindow } from './jsdom.js'

// Mermaid sanitises labels with DOMPurify, which needs a `window`: without one every labelled
// flowchart fails with "DOMPurify.addHook is not a function". It must exist before the import.
let loading: Promise<Mermaid> | undefined

export function loadMermaid(): Promise<Mermaid> {
  loading ??= (async () => {
    ;(globalThis as Record<string, unknown>).window = await createWindow()
    const { default: mermaid } = await import('mermaid')
    return mermaid
  })()
  return loading
}

interface FlowVertex {
  id: string
  text?: string
  labelType: string
  type?: string
  classes: string[]
  styles: string[]
  link?: string
  haveCallback?: boolean
}

interface FlowEdge {
  start: string
  end: string
  text: string
  classes: string[]
}

interface FlowDb {
  getDirection(): string | undefined
  getVertices(): Map<string, FlowVertex>
  getEdges(): FlowEdge[]
  getClasses(): Map<string, unknown>
  getSubGraphs(): unknown[]
  getTooltip(id: string): string | undefined
  getDiagramTitle(): string
  getAccTitle(): string
  getAccDescription(): string
}

export interface ParsedFlowchart {
  /** What `mermaid.parse` returned: the diagram type and any config from directives. */
  parsed: unknown
  type: string
  db: FlowDb
  vertices: FlowVertex[]
  edges: FlowEdge[]
}

/** Parses Mermaid text with Mermaid's own parser (throws on a syntax error). */
export async function parseFlowchart(text: string): Promise<ParsedFlowchart> {
  const mermaid = await loadMermaid()
  const parsed = await mermaid.parse(text)
  const diagram = await mermaid.mermaidAPI.getDiagramFromText(text)
  const db = diagram.db as unknown as FlowDb
  return {
    parsed,
    type: diagram.type,
    db,
    vertices: [...db.getVertices().values()],
    edges: db.getEdges(),
  }
}

/**
 * Decodes a label as Mermaid's parser stores it. Its pre-pass turns each `#NNN;` into
 * `ﬂ°°NNN¶ß` (an `&#NNN;` reference in the SVG); `<br>` is the encoder's line break. Throws when
 * the stored text holds anything the encoder never lets through raw.
 */
export function decodeMermaidText(text: string): string {
  const withoutBreaks = text.replace(/<br>/g, '')
  const withoutEntities = withoutBreaks.replace(/ﬂ°°\d+¶ß/g, '')
  if (/[<>&"#%`\\\uFB02\u00B6\n]/.test(withoutEntities)) {
    throw new Error(`raw markup character in Mermaid label ${JSON.stringify(text)}`)
  }
  return text
    .replace(/<br>/g, '\n')
    .replace(/ﬂ°°(\d+)¶ß/g, (_, code: string) => String.fromCodePoint(Number(code)))
}
