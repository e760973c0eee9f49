import { spawnSync } from 'node:child_process'

/** Runs the real `dot` binary; throws with its stderr when it rejects the input. */
export function runDot(text: string, format: 'json' | 'svg'): string {
  const result = spawnSync('dot', [`-T${format}`], {
    input: text,
    encoding: 'utf8',
    maxBuffer: 256 * 1024 * 1024,
  })
  if (result.error) throw result.error
  if (result.status !== 0) throw new Error(`dot exited ${result.status}: ${result.stderr}`)
  return result.stdout
}

export interface DotLayout {
  /** Nodes in `_gvid` order: generated name, decoded label, style. */
  nodes: { name: string; label: string; style: string | undefined }[]
  /** Edges in `_gvid` order, endpoints by node name. */
  edges: { tail: string; head: string; label: string }[]
  /** The decoded graph label (title), if any. */
  label: string | undefined
  subgraphs: number
}

interface JsonObject {
  _gvid: number
  name: string
  label?: string
  style?: string
  nodes?: number[]
}

/**
 * Decodes a Graphviz escString label as the encoder writes it: only `\\`, `\"` and `\n` escapes,
 * and only the `&amp;`, `&lt;`, `&gt;` entities. Anything else means data got through raw.
 */
export function decodeDotLabel(label: string): string {
  const unescaped = label.replace(/\\([\s\S])/g, (_, char: string) => {
    if (char === 'n') return '\n'
    if (char === '\\' || char === '"') return char
    throw new Error(`unexpected escString sequence \\${char} in ${JSON.stringify(label)}`)
  })
  if (/&(?!amp;|lt;|gt;)/.test(unescaped) || /[<>]/.test(unescaped)) {
    throw new Error(`raw & < or > in label ${JSON.stringify(label)}`)
  }
  return unescaped.replace(/&(amp|lt|gt);/g, (_, name: string) =>
    name === 'amp' ? '&' : name === 'lt' ? '<' : '>',
  )
}

/** Lays the DOT text out with `dot -Tjson` and reads back what Graphviz understood. */
export function dotLayout(text: string): DotLayout {
  const json = JSON.parse(runDot(text, 'json')) as {
    label?: string
    objects?: JsonObject[]
    edges?: { tail: number; head: number; label?: string }[]
  }
  const objects = json.objects ?? []
  const nodes = objects.filter((object) => object.nodes === undefined)
  const nameOf = new Map(objects.map((object) => [object._gvid, object.name]))
  return {
    nodes: nodes.map((node) => ({
      name: node.name,
      label: decodeDotLabel(node.label ?? ''),
      style: node.style,
    })),
    edges: (json.edges ?? []).map((edge) => ({
      tail: nameOf.get(edge.tail)!,
      head: nameOf.get(edge.head)!,
      label: decodeDotLabel(edge.label ?? ''),
    })),
    label: json.label === undefined ? undefined : decodeDotLabel(json.label),
    subgraphs: objects.length - nodes.length,
  }
}
