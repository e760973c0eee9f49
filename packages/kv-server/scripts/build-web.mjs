// Bundles the explorer page (web/) into dist/web with esbuild: one script, its HTML beside it.
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
copyFileSync(new URL('../web/index.html', import.meta.url), new URL('index.html', out))
