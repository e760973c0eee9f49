import type { FastifyInstance } from 'fastify'
import type { ServerContext } from '../context.js'
import { limitSchema, nsQuerySchema, pathParams } from '../schemas.js'
import { watchRoute } from './watch.js'

const nameParams = pathParams('name')

/** The change stream, its consumers, and `/watch` (Server-Sent Events). */
export function changeRoutes(app: FastifyInstance, ctx: ServerContext): void {
  app.get<{
    Querystring: { from?: number; limit?: number; type?: string; prefix?: string; ns?: string }
  }>(
    '/stream',
    {
      schema: {
        summary: 'Stream entries with seq >= from, ascending; `seq` is the latest seq',
        querystring: {
          type: 'object',
          properties: {
            from: { type: 'integer', minimum: 1 },
            limit: limitSchema,
            type: { type: 'string', minLength: 1 },
            prefix: { type: 'string' },
            ns: nsQuerySchema,
          },
        },
      },
    },
    async (request) => {
      const { from, type, prefix, ns } = request.query
      const store = ns === undefined ? ctx.store : ctx.namespace(ns)
      const entries = await store.stream({
        limit: ctx.pageLimit(request.query.limit),
        ...(from === undefined ? {} : { from }),
        ...(type === undefined ? {} : { type }),
        ...(prefix === undefined ? {} : { prefix }),
      })
      return { entries, seq: await store.streamSeq() }
    },
  )

  app.post<{ Params: { name: string }; Body: { limit?: number } | undefined }>(
    '/consumers/:name/next',
    {
      schema: {
        summary: "The consumer's next entries after its committed position (at-least-once)",
        params: nameParams,
        body: { type: 'object', properties: { limit: limitSchema }, additionalProperties: false },
      },
    },
    async (request) => {
      const limit = ctx.pageLimit(request.body?.limit ?? Math.min(100, ctx.limits.maxPageSize))
      return { entries: await ctx.consumer(request.params.name).next(limit) }
    },
  )

  app.post<{ Params: { name: string }; Body: { seq: number } }>(
    '/consumers/:name/commit',
    {
      schema: {
        summary: "Move the consumer's position to seq",
        params: nameParams,
        body: {
          type: 'object',
          properties: { seq: { type: 'integer', minimum: 0 } },
          required: ['seq'],
          additionalProperties: false,
        },
      },
    },
    async (request) => {
      const consumer = ctx.consumer(request.params.name)
      await consumer.commit(request.body.seq)
      return consumer.status()
    },
  )

  app.get<{ Params: { name: string } }>(
    '/consumers/:name',
    { schema: { summary: "A consumer's position and lease", params: nameParams } },
    async (request) => ctx.consumer(request.params.name).status(),
  )

  watchRoute(app, ctx)
}
