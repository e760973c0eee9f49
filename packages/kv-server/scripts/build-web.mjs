// Bundles the explorer page (web/) into dist/web with esbuild: the page's script, the Mermaid
// view's (loaded on demand: mermaid is most of the bytes), and the HTML beside them.
import { copyFileSync, mkdirSync } from 'node:fs'
import { build } from 'esbuild'

const out = new URL('../dist/web/', import.meta.url)
mkdirSync(out, { recursive: true })
await build({
  entryPoints: [new URL('../web/main.ts', import.meta.url).pathname],
  bundle: true,
  minify: true,
  format: 'iife',
  target: 'es2022',
  outfile: new URL('app.js', out).pathname,
  logLevel: 'warning',
})
await build({
  entryPoints: [new URL('../web/mermaid-view.ts', import.meta.url).pathname],
  bundle: true,
  minify: true,
  format: 'iife',
  globalName: 'kvMermaid',
  target: 'es2022',
  outfile: new URL('mermaid.js', out).pathname,
  logLevel: 'error',
})
copyFileSync(new URL('../web/index.html', import.meta.url), new URL('index.html', out))
