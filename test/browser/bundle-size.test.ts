// An app that imports @kvgraph/core and @kvgraph/graph bundles for the browser with esbuild
// (platform browser, no polyfills, no warnings); the sizes, minified and gzipped with every
// dependency, are printed and held to the targets; renderers an app does not call are dropped.
import { mkdtempSync, rmSync, writeFileSync } from 'node:fs'
import { tmpdir } from 'node:os'
import { join, relative, resolve } from 'node:path'
import { gzipSync } from 'node:zlib'
import { build, type Metafile } from 'esbuild'
import { describe, expect, it } from 'vitest'
import { ROOT } from './harness/bundle.js'

interface Bundled {
  /** The entry chunk: what the page loads before it runs. */
  bytes: number
  gzipped: number
  /** Chunks loaded on demand (dynamic imports, such as backup and restore), gzipped. */
  lazyGzipped: number
  inputs: string[]
}

/**
 * Bundles `contents` as an app entry with code splitting, as vite does: a dynamic import (the
 * store's backup code) becomes a chunk of its own that loads only when called.
 */
async function bundle(contents: string): Promise<Bundled> {
  const dir = mkdtempSync(join(tmpdir(), 'kv-bundle-'))
  try {
    const entry = join(dir, 'app.js')
    writeFileSync(entry, contents)
    const result = await build({
      entryPoints: [entry],
      nodePaths: [join(ROOT, 'node_modules')],
      bundle: true,
      splitting: true,
      outdir: join(dir, 'out'),
      platform: 'browser',
      format: 'esm',
      minify: true,
      write: false,
      metafile: true,
      logLevel: 'silent',
    })
    expect(result.warnings.map((w) => w.text)).toEqual([])
    const meta = result.metafile as Metafile
    const gz = (code: Uint8Array) => gzipSync(code, { level: 9 }).length
    const byPath = new Map(result.outputFiles.map((file) => [file.path, file]))
    // Up front: the entry chunk and every chunk it imports statically, transitively.
    const upFront = new Set<string>()
    const visit = (path: string) => {
      if (upFront.has(path)) return
      upFront.add(path)
      const output = meta.outputs[relative(process.cwd(), path)]
      for (const imported of output?.imports ?? [])
        if (imported.kind === 'import-statement') visit(resolve(imported.path))
    }
    visit(result.outputFiles.find((file) => file.path.endsWith('app.js'))!.path)
    const files = [...byPath.values()]
    const first = files.filter((file) => upFront.has(file.path))
    const later = files.filter((file) => !upFront.has(file.path))
    return {
      bytes: first.reduce((sum, file) => sum + file.contents.length, 0),
      gzipped: first.reduce((sum, file) => sum + gz(file.contents), 0),
      lazyGzipped: later.reduce((sum, file) => sum + gz(file.contents), 0),
      inputs: Object.keys(meta.inputs),
    }
  } finally {
    rmSync(dir, { recursive: true, force: true })
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
        `  openStore + put/get:                  ${kB(store.bytes)} minified, ${kB(store.gzipped)} gzipped (target <= 45 kB); on demand ${kB(store.lazyGzipped)}`,
        `  core + Graph with BFS, shortest paths: ${kB(graph.bytes)} minified, ${kB(graph.gzipped)} gzipped (target <= 80 kB); on demand ${kB(graph.lazyGzipped)}`,
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
