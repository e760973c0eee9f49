// Bundles the explorer page (web/) into dist/web with esbuild: the page's script, the Mermaid
// view's (loaded on demand: mermaid is most of the bytes), and the HTML beside them.
import { copyFileSync, mkdirSync } from 'node:fs'
import { build } from 'esbuild'

const out = new URL('../dist/web/', import.meta.url)
mkdirSync(out, { recursive: true })
/** One browser script: bundled, minified, as an IIFE. */
const bundle = (entry, file, options = {}) =>
  build({
    entryPoints: [new URL(`../web/${entry}`, import.meta.url).pathname],
    outfile: new URL(file, out).pathname,
    bundle: true,
    minify: true,
    format: 'iife',
    target: 'es2022',
    logLevel: 'warning',
    ...options,
  })
await bundle('main.ts', 'app.js')
await bundle('mermaid-view.ts', 'mermaid.js', { globalName: 'kvMermaid', logLevel: 'error' })
copyFileSync(new URL('../web/index.html', import.meta.url), new URL('index.html', out))
