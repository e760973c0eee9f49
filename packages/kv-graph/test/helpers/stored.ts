import type { Graph } from '@kvgraph/graph'
import { IN_FAMILY, inKey, NODE_FAMILY, OUT_FAMILY, splitEdgeKey } from '../../src/key-codec.js'

/** Every key and value the graph holds, read straight from its store. */
export async function storedEntries(graph: Graph): Promise<Map<string, unknown>> {
  const entries = new Map<string, unknown>()
  for await (const record of graph.store.entries({ prefix: 'g/' })) {
    entries.set(record.key, record.value)
  }
  return entries
}

/**
 * The structural invariant: every out key has its in twin with the same props and vice versa,
 * and nothing else but node records lives under the graph's prefix. Returns the out entries.
 */
export async function checkTwins(graph: Graph): Promise<Map<string, unknown>> {
  const entries = await storedEntries(graph)
  const out = new Map<string, unknown>()
  const problems: string[] = []
  for (const [key, value] of entries) {
    if (key.startsWith(NODE_FAMILY)) continue
    const parts = splitEdgeKey(key)
    if (!parts) {
      problems.push(`not an edge key: ${JSON.stringify(key)}`)
      continue
    }
    const type = parts.typeComponent
    let twin: string
    if (key.startsWith(OUT_FAMILY)) {
      twin = inKey(parts.owner, type, parts.other)
      out.set(key, value)
    } else if (key.startsWith(IN_FAMILY)) twin = OUT_FAMILY + parts.other + type + parts.owner
    else {
      problems.push(`unknown family: ${JSON.stringify(key)}`)
      continue
    }
    if (!entries.has(twin)) problems.push(`missing twin of ${JSON.stringify(key)}`)
    else if (JSON.stringify(entries.get(twin)) !== JSON.stringify(value)) {
      problems.push(`twin of ${JSON.stringify(key)} has other props`)
    }
  }
  if (problems.length > 0) throw new Error(problems.join('\n'))
  return out
}
