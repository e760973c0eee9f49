// A tiny HTTP server on 127.0.0.1 for test pages (a secure context, so Web Locks exist).

import { readdirSync, readFileSync } from 'node:fs'
import { createServer, type Server } from 'node:http'
import type { AddressInfo } from 'node:net'
import { join, relative, sep } from 'node:path'

export interface PageServer {
  url: string
  close(): Promise<void>
}

const TYPES: Record<string, string> = {
  js: 'text/javascript',
  html: 'text/html',
  css: 'text/css',
  png: 'image/png',
  svg: 'image/svg+xml',
}

/** Serves `files` (path -> body); `/` is a page that loads `/page.js`. */
export async function servePages(files: Record<string, string | Buffer>): Promise<PageServer> {
  const all: Record<string, string | Buffer> = {
    '/': '<!doctype html><meta charset="utf-8"><title>kvgraph</title><script type="module" src="/page.js"></script>',
    ...files,
  }
  const server: Server = createServer((req, res) => {
    const path = new URL(req.url ?? '/', 'http://127.0.0.1').pathname
    const body = all[path]
    if (body === undefined) {
      res.writeHead(404).end()
      return
    }
    const ext = path === '/' ? 'html' : (path.split('.').pop() ?? '')
    res.writeHead(200, { 'content-type': TYPES[ext] ?? 'application/octet-stream' }).end(body)
  })
  await new Promise<void>((ready) => server.listen(0, '127.0.0.1', ready))
  const { port } = server.address() as AddressInfo
  return {
    url: `http://127.0.0.1:${port}/`,
    close: () => new Promise((done) => server.close(() => done())),
  }
}

/** Serves a built site (vite's outDir): every file under `dir`, `/` being its index.html. */
export function serveDirectory(dir: string): Promise<PageServer> {
  const files: Record<string, Buffer> = {}
  const walk = (folder: string) => {
    for (const entry of readdirSync(folder, { withFileTypes: true })) {
      const path = join(folder, entry.name)
      if (entry.isDirectory()) walk(path)
      else files[`/${relative(dir, path).split(sep).join('/')}`] = readFileSync(path)
    }
  }
  walk(dir)
  return servePages({ ...files, '/': files['/index.html']! })
}
