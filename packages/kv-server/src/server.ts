import { readFileSync } from 'node:fs'
import type { AddressInfo } from 'node:net'
import { fileURLToPath } from 'node:url'
import fastifyCors from '@fastify/cors'
import rateLimit from '@fastify/rate-limit'
import swagger from '@fastify/swagger'
import Fastify, { type FastifyInstance } from 'fastify'
import { addAuth, generateToken } from './auth.js'
import { checkOptions } from './check-options.js'
import { ServerContext } from './context.js'
import { addErrorHandler } from './errors.js'
import {
  DEFAULT_BODY_LIMIT,
  DEFAULT_HOST,
  DEFAULT_LIMITS,
  DEFAULT_PORT,
  DEFAULT_RATE_LIMIT,
  isLoopback,
  parseSize,
  type ServerOptions,
} from './options.js'
import { changeRoutes } from './routes/changes.js'
import { coordinationRoutes } from './routes/coordination.js'
import { graphRoutes } from './routes/graph.js'
import { kvRoutes } from './routes/kv.js'
import { taskRoutes } from './routes/tasks.js'
import { webRoutes } from './routes/web.js'

export interface KvServer {
  /** The fastify instance (routes registered; `app.swagger()` is the OpenAPI document). */
  readonly app: FastifyInstance
  /** The token clients must send; generated when none was given. */
  readonly token: string
  readonly tokenGenerated: boolean
  /** Where it listens, once `listen()` resolved: `http://127.0.0.1:7070`. */
  readonly url: string | undefined
  /** Starts listening; resolves to the URL. */
  listen(): Promise<string>
  /** Stops accepting, waits for requests in flight up to the grace period, then closes the store if asked. */
  close(): Promise<void>
}

const VERSION: string = JSON.parse(
  readFileSync(fileURLToPath(new URL('../package.json', import.meta.url)), 'utf8'),
).version

/** Builds the HTTP API of a store (fastify 5); call `listen()` to serve it. */
export async function createServer(options: ServerOptions): Promise<KvServer> {
  const checked = checkOptions(options)
  const log = options.log ?? ((line: string) => process.stderr.write(`${line}\n`))
  const host = options.host ?? DEFAULT_HOST
  const port = options.port ?? DEFAULT_PORT
  const limits = { ...DEFAULT_LIMITS, ...options.limits }
  const token = options.token ?? generateToken()
  const bodyLimit = parseSize(options.bodyLimit ?? DEFAULT_BODY_LIMIT)!
  const graceMs = options.graceMs ?? 10_000
  const ctx = new ServerContext(options.store, limits)

  const app = Fastify({
    bodyLimit,
    requestTimeout: limits.requestTimeoutMs,
    logger: false,
    return503OnClosing: true,
    forceCloseConnections: 'idle',
    ajv: { customOptions: { coerceTypes: 'array', removeAdditional: false } },
  })
  addErrorHandler(app, log)
  app.addContentTypeParser('application/x-ndjson', { parseAs: 'string' }, (_request, body, done) =>
    done(null, body),
  )
  await app.register(swagger, {
    openapi: {
      openapi: '3.1.0',
      info: { title: 'kvgraph HTTP API', version: VERSION },
      components: { securitySchemes: { bearer: { type: 'http', scheme: 'bearer' } } },
      security: [{ bearer: [] }],
    },
  })
  if (options.cors !== undefined) await app.register(fastifyCors, { origin: options.cors })
  const limit = options.rateLimit ?? DEFAULT_RATE_LIMIT
  if (limit !== false) {
    await app.register(rateLimit, { max: limit.max, timeWindow: limit.timeWindowMs })
  }
  addAuth(app, token)
  app.addHook('preClose', async () => ctx.stopping.abort())

  app.get('/openapi.json', { schema: { summary: 'This OpenAPI 3.1 document' } }, async () =>
    app.swagger(),
  )
  kvRoutes(app, ctx)
  graphRoutes(app, ctx)
  changeRoutes(app, ctx)
  coordinationRoutes(app, ctx, VERSION)
  taskRoutes(app, ctx)
  webRoutes(app, options.webRoot ?? fileURLToPath(new URL('../dist/web/', import.meta.url)))
  await app.ready()

  let url: string | undefined
  let closing: Promise<void> | undefined
  return {
    app,
    token,
    tokenGenerated: options.token === undefined,
    get url() {
      return url
    },
    async listen() {
      if (!isLoopback(host)) {
        log(
          `warning: listening on ${host}, not loopback: other machines can reach it, and the token is all that guards the store`,
        )
      }
      await app.listen({ host, port })
      const address = app.server.address() as AddressInfo
      const shown = address.family === 'IPv6' ? `[${address.address}]` : address.address
      url = `http://${shown}:${address.port}`
      return url
    },
    close() {
      closing ??= (async () => {
        let timer: NodeJS.Timeout | undefined
        const grace = new Promise<void>((resolve) => {
          timer = setTimeout(() => {
            app.server.closeAllConnections()
            resolve()
          }, graceMs)
        })
        try {
          await Promise.race([app.close(), grace])
        } finally {
          clearTimeout(timer)
          if (checked.closeStore) await options.store.close()
        }
      })()
      return closing
    },
  }
}
