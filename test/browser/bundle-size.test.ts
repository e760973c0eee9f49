// An app that imports @kvgraph/core and @kvgraph/graph bundles for the browser with esbuild
// (platform browser, no polyfills, no warnings); the sizes, minified and gzipped with every
// dependency, are printed and held to the targets; renderers an app does not call are dropped.
import { gzipSync } from 'node:zlib'
import { build, type Metafile } from 'esbuild'
import { describe, expect, it } from 'vitest'
import { ROOT } from './harness/bundle.js'

interface Bundled {
  bytes: number
  gzipped: number
  inputs: string[]
}

async function bundle(contents: string): Promise<Bundled> {
  const result = await build({
    stdin: { contents, resolveDir: ROOT, loader: 'js', sourcefile: 'app.js' },
    bundle: true,
    platform: 'browser',
    format: 'esm',
    minify: true,
    write: false,
    metafile: true,
    logLevel: 'silent',
  })
  expect(result.warnings.map((w) => w.text)).toEqual([])
  const code = result.outputFiles[0]!.contents
  const meta = result.metafile as Metafile
  return {
    bytes: code.length,
    gzipped: gzipSync(code, { level: 9 }).length,
    inputs: Object.keys(meta.inputs),
  }
}

const STORE_APP = `
import { openStore } from '@kvgraph/core'
const store = await openStore('app')
await store.put('greeting', { text: 'hello' })
console.log(await store.get('greeting'))
`
const GRAPH_APP = `
import { openStore } from '@kvgraph/core'
import { Graph } from '@kvgraph/graph'
const graph = new Graph(await openStore('app'))
const ada = { type: 'Person', id: 'ada' }, bob = { type: 'Person', id: 'bob' }
await graph.addEdge(ada, 'follows', bob, { weight: 2 })
for await (const step of graph.bfs(ada)) console.log(step.node.id)
console.log(await graph.shortestPath(ada, bob), await graph.shortestPath(ada, bob, { weight: 'weight' }))
`
const DRAWING_APP = `${GRAPH_APP}
import { toDot, toMermaid } from '@kvgraph/graph/render'
const view = await graph.view()
console.log(toDot(view), toMermaid(view))
`
const kB = (bytes: number) => `${(bytes / 1000).toFixed(1)} kB`
const nodeBuiltins = (inputs: string[]) =>
  inputs.filter((input) => /^node:|classic-level|path-registry/.test(input))
const renderers = (inputs: string[]) =>
  inputs.filter((input) => /ts-graphviz|kv-graph\/dist\/render\//.test(input))

describe('bundling for the browser with esbuild', () => {
  it('openStore + put/get and core + Graph with BFS and shortest paths fit their targets', async () => {
    const store = await bundle(STORE_APP)
    const graph = await bundle(GRAPH_APP)
    console.log(
      [
        'browser bundle sizes (esbuild, minified, gzip -9, dependencies included):',
        `  openStore + put/get:                  ${kB(store.bytes)} minified, ${kB(store.gzipped)} gzipped (target <= 45 kB)`,
        `  core + Graph with BFS, shortest paths: ${kB(graph.bytes)} minified, ${kB(graph.gzipped)} gzipped (target <= 80 kB)`,
      ].join('\n'),
    )
    expect(nodeBuiltins(store.inputs)).toEqual([])
    expect(nodeBuiltins(graph.inputs)).toEqual([])
    expect(store.inputs.some((input) => input.includes('browser-level'))).toBe(true)
    expect(store.gzipped).toBeLessThanOrEqual(45_000)
    expect(graph.gzipped).toBeLessThanOrEqual(80_000)
  })

  it('drops toDot and toMermaid (and ts-graphviz) when the app does not call them', async () => {
    const graph = await bundle(GRAPH_APP)
    const drawing = await bundle(DRAWING_APP)
    expect(renderers(graph.inputs)).toEqual([])
    expect(renderers(drawing.inputs).some((input) => input.includes('ts-graphviz'))).toBe(true)
    expect(drawing.inputs.some((input) => input.endsWith('render/to-mermaid.js'))).toBe(true)
    // The Graphviz runner (node:child_process) is not in the browser's render entry.
    expect(drawing.inputs.some((input) => input.includes('run-dot'))).toBe(false)
    console.log(`  + toDot/toMermaid: ${kB(drawing.gzipped)} gzipped`)
  })
})
