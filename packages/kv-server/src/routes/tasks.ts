import type { JsonValue } from '@kvgraph/core'
import type { EnqueueOptions, ListOptions, TaskStatus } from '@kvgraph/tasks'
import type { FastifyInstance } from 'fastify'
import type { ServerContext } from '../context.js'
import { found } from '../http-error.js'
import { cursorSchema, limitSchema, pathParams } from '../schemas.js'

const idParams = pathParams('id')

/** The task queue of @kvgraph/tasks (enqueue, list, get, cancel, retry); runners run elsewhere. */
export function taskRoutes(app: FastifyInstance, ctx: ServerContext): void {
  app.post<{ Body: { name: string; payload?: JsonValue; options?: EnqueueOptions } }>(
    '/tasks',
    {
      schema: {
        summary: 'Enqueue a task (with options.key: the live task holding that key instead)',
        body: {
          type: 'object',
          properties: {
            name: { type: 'string', minLength: 1 },
            payload: {},
            options: {
              type: 'object',
              properties: {
                delayMs: { type: 'integer', minimum: 0 },
                runAt: { anyOf: [{ type: 'string' }, { type: 'integer' }] },
                priority: { type: 'integer' },
                key: { type: 'string', minLength: 1 },
                maxAttempts: { type: 'integer', minimum: 1 },
                timeoutMs: { type: 'integer', minimum: 1 },
              },
              additionalProperties: false,
            },
          },
          required: ['name'],
          additionalProperties: false,
        },
      },
    },
    async (request, reply) => {
      const { name, payload = null, options = {} } = request.body
      reply.code(201)
      return ctx.tasks.enqueue(name, payload, options)
    },
  )

  app.get<{ Querystring: { status?: TaskStatus; name?: string; limit?: number; cursor?: string } }>(
    '/tasks',
    {
      schema: {
        summary: 'One page of tasks, optionally by status or name',
        querystring: {
          type: 'object',
          properties: {
            status: { type: 'string', minLength: 1 },
            name: { type: 'string', minLength: 1 },
            limit: limitSchema,
            cursor: cursorSchema,
          },
        },
      },
    },
    async (request) => {
      const { status, name, cursor } = request.query
      const options: ListOptions = { limit: ctx.pageLimit(request.query.limit) }
      if (status !== undefined) options.status = status
      if (name !== undefined) options.name = name
      if (cursor !== undefined) options.cursor = cursor
      const page = await ctx.tasks.list(options)
      return { tasks: page.tasks, cursor: page.cursor ?? null }
    },
  )

  app.get<{ Params: { id: string } }>(
    '/tasks/:id',
    { schema: { summary: 'One task', params: idParams } },
    async ({ params: { id } }) => found(await ctx.tasks.get(id), `task ${JSON.stringify(id)}`),
  )

  app.post<{ Params: { id: string } }>(
    '/tasks/:id/cancel',
    { schema: { summary: 'Cancel a pending or running task', params: idParams } },
    async (request) => ({ cancelled: await ctx.tasks.cancel(request.params.id) }),
  )

  app.post<{ Params: { id: string } }>(
    '/tasks/:id/retry',
    { schema: { summary: 'Run a failed or cancelled task again', params: idParams } },
    async (request) => ({ retried: await ctx.tasks.retry(request.params.id) }),
  )
}
