import type { JsonValue, KvMutation, KvSelector } from '@kvgraph/core'
import type { FastifyInstance, FastifyRequest } from 'fastify'
import type { ServerContext } from '../context.js'
import { etagOf, notModified, preconditionFailed, versionCheck } from '../etag.js'
import { badRequest, notFound } from '../http-error.js'
import { anyJson, cursorSchema, limitSchema } from '../schemas.js'

interface KeyParams {
  ns: string
  '*': string
}

const keyParams = {
  type: 'object',
  properties: { ns: { type: 'string', minLength: 1 }, '*': { type: 'string' } },
  required: ['ns', '*'],
} as const

interface ListQuery {
  prefix?: string
  start?: string
  end?: string
  limit?: number
  cursor?: string
  reverse?: boolean
}

/** A failed version check answers 412 when the check came from a precondition header. */
function asPrecondition(error: unknown, version: number | undefined, key: string): unknown {
  if (version !== undefined && (error as { code?: string })?.code === 'KV_VERSION_CONFLICT') {
    return preconditionFailed(
      version === 0
        ? `key ${JSON.stringify(key)} already exists`
        : `key ${JSON.stringify(key)} is not at version ${version}`,
    )
  }
  return error
}

/** KV in the akvs shape: `/kv/:ns/<key...>`, the key being the rest of the path. */
export function kvRoutes(app: FastifyInstance, ctx: ServerContext): void {
  const write = async (request: FastifyRequest<{ Params: KeyParams; Body: JsonValue }>) => {
    const { ns, '*': key } = request.params
    const version = versionCheck(request)
    const body = request.body === undefined ? null : request.body
    try {
      const record = await ctx
        .namespace(ns)
        .put(key, body, version === undefined ? {} : { version })
      return record
    } catch (error) {
      throw asPrecondition(error, version, key)
    }
  }
  const writeSchema = {
    summary: 'Store a value: a JSON body, or a text/plain body stored as a string',
    params: keyParams,
    headers: {
      type: 'object',
      properties: { 'if-match': { type: 'string' }, 'if-none-match': { type: 'string' } },
    },
    body: anyJson,
  }
  for (const method of ['POST', 'PUT'] as const) {
    app.route<{ Params: KeyParams; Body: JsonValue }>({
      method,
      url: '/kv/:ns/*',
      schema: writeSchema,
      handler: async (request, reply) => {
        const record = await write(request)
        reply.header('etag', etagOf(record.version)).code(record.version === 1 ? 201 : 200)
        return { key: record.key, version: record.version }
      },
    })
  }

  app.get<{ Params: KeyParams }>(
    '/kv/:ns/*',
    { schema: { summary: 'Read a value (JSON) with its ETag', params: keyParams } },
    async (request, reply) => {
      const { ns, '*': key } = request.params
      const record = await ctx.namespace(ns).get(key)
      if (!record) throw notFound(`key ${JSON.stringify(key)}`)
      const etag = etagOf(record.version)
      reply.header('etag', etag)
      if (notModified(request, etag)) return reply.code(304).send()
      return reply.type('application/json; charset=utf-8').send(JSON.stringify(record.value))
    },
  )

  app.delete<{ Params: KeyParams }>(
    '/kv/:ns/*',
    { schema: { summary: 'Delete a key (If-Match: only at that version)', params: keyParams } },
    async (request, reply) => {
      const { ns, '*': key } = request.params
      const version = versionCheck(request)
      let deleted: number
      try {
        deleted = await ctx.namespace(ns).delete(key, version === undefined ? {} : { version })
      } catch (error) {
        throw asPrecondition(error, version, key)
      }
      if (deleted === 0) throw notFound(`key ${JSON.stringify(key)}`)
      return reply.code(204).send()
    },
  )

  app.get<{ Params: { ns: string }; Querystring: ListQuery }>(
    '/kv/:ns',
    {
      schema: {
        summary: 'One page of records by prefix or key range',
        params: { type: 'object', properties: { ns: { type: 'string', minLength: 1 } } },
        querystring: {
          type: 'object',
          properties: {
            prefix: { type: 'string' },
            start: { type: 'string' },
            end: { type: 'string' },
            limit: limitSchema,
            cursor: cursorSchema,
            reverse: { type: 'boolean' },
          },
          additionalProperties: false,
        },
      },
    },
    async (request) => {
      const { prefix, start, end, cursor, reverse } = request.query
      if (prefix !== undefined && (start !== undefined || end !== undefined)) {
        throw badRequest('give prefix, or start and end, not both')
      }
      const selector: KvSelector =
        prefix !== undefined
          ? { prefix }
          : { ...(start === undefined ? {} : { start }), ...(end === undefined ? {} : { end }) }
      const page = await ctx.namespace(request.params.ns).scan(selector, {
        limit: ctx.pageLimit(request.query.limit),
        ...(cursor === undefined ? {} : { cursor }),
        ...(reverse === undefined ? {} : { reverse }),
      })
      return { records: page.records, cursor: page.cursor ?? null }
    },
  )

  app.post<{ Params: { ns: string }; Body: { mutations: KvMutation[] } }>(
    '/kv/:ns',
    {
      schema: {
        summary: 'Apply mutations atomically (all or none); 409 names the failing one',
        params: { type: 'object', properties: { ns: { type: 'string', minLength: 1 } } },
        body: {
          type: 'object',
          properties: { mutations: { type: 'array', items: { type: 'object' }, maxItems: 1000 } },
          required: ['mutations'],
          additionalProperties: false,
        },
      },
    },
    async (request) => {
      const results = await ctx.namespace(request.params.ns).mutate(request.body.mutations)
      return { results }
    },
  )
}
