import { mkdir, writeFile } from 'node:fs/promises'
import { join } from 'node:path'
import { openStore } from '@kvgraph/core'
import { Graph, type GraphView } from '@kvgraph/graph'
import { renderSvg, toDot, toMermaid } from '@kvgraph/graph/render'
import { mermaidToSvg } from './mermaid-svg.js'
import { loadSmallNetwork, user } from './small-network.js'

export interface Diagram {
  name: string
  title: string
  view: GraphView
}

/** The views we draw: the whole small network, and alice's two-hop neighbourhood. */
export async function diagramViews(): Promise<Diagram[]> {
  const store = await openStore(':memory:')
  try {
    const graph = new Graph(store)
    await loadSmallNetwork(graph)
    return [
      { name: 'small-network', title: 'The small social network', view: await graph.view() },
      {
        name: 'alice-neighbourhood',
        title: "alice's two-hop neighbourhood",
        view: await graph.view({ node: user('alice'), depth: 2, direction: 'both' }),
      },
    ]
  } finally {
    await store.close()
  }
}

/** Every diagram file by name: `.dot`, `.svg` (Graphviz), `.mmd`, and `.mermaid.svg` when asked. */
export async function diagramFiles(options: { mermaidSvg: boolean }): Promise<Map<string, string>> {
  const files = new Map<string, string>()
  for (const { name, title, view } of await diagramViews()) {
    const dot = toDot(view, { title, showProps: name === 'small-network' })
    const mmd = toMermaid(view)
    files.set(`${name}.dot`, dot)
    files.set(`${name}.svg`, await renderSvg(dot))
    files.set(`${name}.mmd`, mmd)
    if (options.mermaidSvg) files.set(`${name}.mermaid.svg`, await mermaidToSvg(mmd))
  }
  return files
}

export async function writeDiagrams(
  dir: string,
  options: { mermaidSvg: boolean },
): Promise<string[]> {
  await mkdir(dir, { recursive: true })
  const files = await diagramFiles(options)
  for (const [name, content] of files) await writeFile(join(dir, name), content)
  return [...files.keys()]
}
