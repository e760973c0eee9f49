// Bundles a page entry for the browser with esbuild, as an app would (platform browser, no
// polyfills). `vitest` becomes the page's shim; with `fromSource`, @kvgraph/* are their
// TypeScript sources, and the packages' browser swaps (package.json `browser` map and
// `browser` export conditions) are applied to the sources just as bundlers apply them to dist.
import { readFileSync } from 'node:fs'
import { dirname, join, resolve } from 'node:path'
import { fileURLToPath } from 'node:url'
import { build, type Message, type Plugin } from 'esbuild'

export const ROOT = fileURLToPath(new URL('../../..', import.meta.url))
const PAGE = join(ROOT, 'test/browser/page')

const SOURCES: Record<string, string> = {
  '@kvgraph/core': 'packages/kv-core/src/index.ts',
  '@kvgraph/core/testing': 'packages/kv-core/src/testing/index.ts',
  '@kvgraph/core/internal': 'packages/kv-core/src/internal/index.ts',
  '@kvgraph/core/random': 'packages/kv-core/src/random/index.ts',
  '@kvgraph/graph': 'packages/kv-graph/src/index.ts',
  '@kvgraph/graph/render': 'packages/kv-graph/src/render/index.browser.ts',
}

/** The kv-core package.json `browser` map, from dist paths to the sources they were built from. */
function browserSwaps(): Map<string, string> {
  const pkg = JSON.parse(readFileSync(join(ROOT, 'packages/kv-core/package.json'), 'utf8'))
  const toSource = (path: string) =>
    join(ROOT, 'packages/kv-core', path.replace(/^\.\/dist\//, 'src/').replace(/\.js$/, '.ts'))
  return new Map(
    Object.entries(pkg.browser as Record<string, string>).map(([from, to]) => [
      toSource(from),
      toSource(to),
    ]),
  )
}

function pagePlugin(fromSource: boolean): Plugin {
  const swaps = browserSwaps()
  return {
    name: 'kvgraph-page',
    setup(b) {
      b.onResolve({ filter: /^vitest$/ }, () => ({ path: join(PAGE, 'vitest-shim.ts') }))
      if (!fromSource) return
      b.onResolve({ filter: /^@kvgraph\// }, (args) => {
        const source = SOURCES[args.path]
        if (!source) throw new Error(`no source mapped for ${args.path}`)
        return { path: join(ROOT, source) }
      })
      b.onResolve({ filter: /^\./ }, (args) => {
        const target = resolve(args.resolveDir, args.path).replace(/\.js$/, '.ts')
        if (target.endsWith('kv-graph/test/helpers/engines.ts'))
          return { path: join(PAGE, 'graph-engines.ts') }
        const swapped = swaps.get(target)
        if (swapped) return { path: swapped }
        // Test files register tests when imported, in a package marked free of side effects.
        if (target.includes('/kv-graph/test/')) return { path: target, sideEffects: true }
        return undefined
      })
    },
  }
}

export interface PageBundle {
  code: string
  warnings: Message[]
}

export async function bundlePage(entry: string, fromSource = false): Promise<PageBundle> {
  const result = await build({
    entryPoints: [entry],
    absWorkingDir: dirname(entry),
    bundle: true,
    platform: 'browser',
    format: 'esm',
    target: 'es2023',
    write: false,
    logLevel: 'silent',
    plugins: [pagePlugin(fromSource)],
  })
  return { code: result.outputFiles[0]!.text, warnings: result.warnings }
}
