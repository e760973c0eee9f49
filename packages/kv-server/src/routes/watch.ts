import type { FastifyInstance } from 'fastify'
import type { ServerContext } from '../context.js'
import { badRequest } from '../http-error.js'
import { nsQuerySchema } from '../schemas.js'

/** A comment line every so often keeps proxies from closing an idle stream. */
const HEARTBEAT_MS = 15_000

interface WatchQuery {
  prefix?: string
  key?: string
  ns?: string
  from?: number
}

/** Where a watch starts: after `Last-Event-ID` (a reconnect), else at `?from=`, else at new changes. */
function startSeq(
  lastEventId: string | string[] | undefined,
  from: number | undefined,
): number | undefined {
  if (typeof lastEventId === 'string' && lastEventId.trim() !== '') {
    const seq = Number(lastEventId)
    if (!Number.isSafeInteger(seq) || seq < 0) {
      throw badRequest(
        `Last-Event-ID must be a stream seq: received ${JSON.stringify(lastEventId)}`,
      )
    }
    return seq + 1
  }
  return from
}

/**
 * `GET /watch`: Server-Sent Events, one per change, `id:` its stream seq and `data:` the event
 * JSON. Follows the durable stream, so a reconnect with Last-Event-ID loses nothing.
 */
export function watchRoute(app: FastifyInstance, ctx: ServerContext): void {
  app.get<{ Querystring: WatchQuery }>(
    '/watch',
    {
      schema: {
        summary: 'Server-Sent Events of changes under a prefix (ending in /) or to one key',
        querystring: {
          type: 'object',
          properties: {
            prefix: { type: 'string', pattern: '(^$)|(/$)' },
            key: { type: 'string', minLength: 1 },
            ns: nsQuerySchema,
            from: { type: 'integer', minimum: 1 },
          },
        },
      },
    },
    async (request, reply) => {
      const { prefix, key, ns, from } = request.query
      if (prefix !== undefined && key !== undefined)
        throw badRequest('give prefix or key, not both')
      const start = startSeq(request.headers['last-event-id'], from)
      const store = ns === undefined ? ctx.store : ctx.namespace(ns)
      const target = key ?? prefix ?? ''

      const closed = new AbortController()
      reply.raw.once('close', () => closed.abort())
      const signal = AbortSignal.any([closed.signal, ctx.stopping.signal])
      const events = store.watch(target, {
        signal,
        ...(start === undefined ? {} : { from: start }),
      })

      // Hijacked: fastify does not send this reply; copy the headers hooks set (CORS).
      reply.hijack()
      const raw = reply.raw
      raw.writeHead(200, {
        ...(reply.getHeaders() as Record<string, string>),
        'content-type': 'text/event-stream; charset=utf-8',
        'cache-control': 'no-cache',
        connection: 'keep-alive',
        'x-accel-buffering': 'no',
      })
      raw.write(': watching\n\n')
      const heartbeat = setInterval(() => raw.write(': heartbeat\n\n'), HEARTBEAT_MS)
      try {
        for await (const batch of events) {
          let chunk = ''
          for (const event of batch) chunk += `id: ${event.seq}\ndata: ${JSON.stringify(event)}\n\n`
          raw.write(chunk)
        }
      } catch (error) {
        if (!signal.aborted) {
          raw.write(
            `event: error\ndata: ${JSON.stringify({ message: (error as Error).message })}\n\n`,
          )
        }
      } finally {
        clearInterval(heartbeat)
        raw.end()
      }
    },
  )
}
