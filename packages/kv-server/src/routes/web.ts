import { existsSync, readdirSync, readFileSync } from 'node:fs'
import { extname, join } from 'node:path'
import type { FastifyInstance } from 'fastify'
import { notFound } from '../http-error.js'

const TYPES: Record<string, string> = {
  '.html': 'text/html; charset=utf-8',
  '.js': 'text/javascript; charset=utf-8',
  '.css': 'text/css; charset=utf-8',
  '.map': 'application/json',
}

/**
 * The explorer page: `/` and `/web/<file>`, read once from `root` (the esbuild output). Only the
 * files found there are served, so no path from a request ever reaches the file system.
 */
export function webRoutes(app: FastifyInstance, root: string): void {
  const files = new Map<string, { body: Buffer; type: string }>()
  if (existsSync(root)) {
    for (const name of readdirSync(root)) {
      const type = TYPES[extname(name)]
      if (type) files.set(name, { body: readFileSync(join(root, name)), type })
    }
  }
  const csp =
    "default-src 'self'; script-src 'self'; style-src 'self' 'unsafe-inline'; img-src 'self' data: blob:; connect-src 'self'"
  const send = (name: string) => {
    const file = files.get(name)
    if (!file) throw notFound(`file ${JSON.stringify(name)} (was the page built?)`)
    return file
  }
  app.get('/', { schema: { hide: true } }, async (_request, reply) => {
    const file = send('index.html')
    return reply.type(file.type).header('content-security-policy', csp).send(file.body)
  })
  app.get<{ Params: { file: string } }>(
    '/web/:file',
    { schema: { hide: true } },
    async (request, reply) => {
      const file = send(request.params.file)
      return reply.type(file.type).header('cache-control', 'no-cache').send(file.body)
    },
  )
}
