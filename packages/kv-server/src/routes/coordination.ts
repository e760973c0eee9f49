import type { FastifyInstance } from 'fastify'
import type { ServerContext } from '../context.js'
import { found } from '../http-error.js'
import { pathParams } from '../schemas.js'

const nameParams = pathParams('name')
const ownerBody = (extra: Record<string, unknown> = {}, required: string[] = []) =>
  ({
    type: 'object',
    properties: { owner: { type: 'string', minLength: 1 }, ...extra },
    required: ['owner', ...required],
    additionalProperties: false,
  }) as const

/** Locks, named sequences, `/info` and `/healthz`. */
export function coordinationRoutes(
  app: FastifyInstance,
  ctx: ServerContext,
  version: string,
): void {
  app.post<{ Params: { name: string }; Body: { owner: string; durationMs: number } }>(
    '/locks/:name/acquire',
    {
      schema: {
        summary: 'Take a lock if free, expired, or held by the same owner (which refreshes it)',
        params: nameParams,
        body: ownerBody({ durationMs: { type: 'integer', minimum: 1 } }, ['durationMs']),
      },
    },
    async (request) => {
      const { owner, durationMs } = request.body
      return { acquired: await ctx.store.lockAcquire(request.params.name, owner, durationMs) }
    },
  )

  app.post<{ Params: { name: string }; Body: { owner: string } }>(
    '/locks/:name/release',
    {
      schema: {
        summary: 'Release a lock (only its owner can)',
        params: nameParams,
        body: ownerBody(),
      },
    },
    async (request) => ({
      released: await ctx.store.lockRelease(request.params.name, request.body.owner),
    }),
  )

  app.get<{ Params: { name: string } }>(
    '/locks/:name',
    { schema: { summary: "A lock's owner and expiry; 404 when free", params: nameParams } },
    async (request) => {
      const { name } = request.params
      return found(await ctx.store.lockStatus(name), `lock ${JSON.stringify(name)}`)
    },
  )

  app.post<{ Params: { name: string }; Body: { increment?: number } | undefined }>(
    '/sequences/:name',
    {
      schema: {
        summary: 'Add increment (default 1) to a named counter; returns the new value',
        params: nameParams,
        body: {
          type: 'object',
          properties: { increment: { type: 'integer' } },
          additionalProperties: false,
        },
      },
    },
    async (request) => ({
      value: await ctx.store.seq(request.params.name, request.body?.increment ?? 1),
    }),
  )

  app.get(
    '/info',
    { schema: { summary: 'The engine, its storage and the stream head' } },
    async () => {
      const info = await ctx.store.engineInfo()
      const shown = { ...info }
      if (shown.location?.includes('://')) shown.location = maskPassword(shown.location)
      return {
        server: { version },
        ...shown,
        streamSeq: await ctx.store.streamSeq(),
        limits: ctx.limits,
      }
    },
  )

  app.get(
    '/healthz',
    { schema: { summary: 'Liveness; no token needed' } },
    async (_request, reply) => {
      if (ctx.store.closed || ctx.stopping.signal.aborted) {
        return reply
          .code(503)
          .send({ error: { code: 'UNAVAILABLE', message: 'the server is stopping' } })
      }
      return { ok: true }
    },
  )
}

function maskPassword(location: string): string {
  try {
    const url = new URL(location)
    if (url.password) url.password = '***'
    return url.toString()
  } catch {
    return location.replace(/:[^:@/]*@/, ':***@')
  }
}
