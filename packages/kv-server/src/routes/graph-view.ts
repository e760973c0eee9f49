import type { EdgeDirection, ViewOptions } from '@kvgraph/graph'
import type { FastifyInstance } from 'fastify'
import type { ServerContext } from '../context.js'
import { badRequest } from '../http-error.js'
import { directionSchema, nsQuerySchema } from '../schemas.js'

const FORMATS = ['json', 'dot', 'mermaid', 'svg', 'png'] as const
type Format = (typeof FORMATS)[number]

const CONTENT_TYPES: Record<Exclude<Format, 'json'>, string> = {
  dot: 'text/vnd.graphviz; charset=utf-8',
  mermaid: 'text/plain; charset=utf-8',
  svg: 'image/svg+xml',
  png: 'image/png',
}

interface ViewQuery {
  format?: Format
  type?: string
  id?: string
  depth?: number
  direction?: EdgeDirection
  maxNodes?: number
  maxEdges?: number
  ns?: string
}

/** `GET /graph/view`: a node's neighbourhood (or the whole graph, within the caps) drawn. */
export function graphViewRoute(app: FastifyInstance, ctx: ServerContext): void {
  app.get<{ Querystring: ViewQuery }>(
    '/graph/view',
    {
      schema: {
        summary:
          'Draw a view as JSON, DOT, Mermaid, SVG or PNG; `truncated` (JSON) or X-Truncated says a cap cut it',
        querystring: {
          type: 'object',
          properties: {
            format: { type: 'string', enum: FORMATS },
            type: { type: 'string', minLength: 1 },
            id: { type: 'string', minLength: 1 },
            depth: { type: 'integer', minimum: 0 },
            direction: directionSchema,
            maxNodes: { type: 'integer', minimum: 1 },
            maxEdges: { type: 'integer', minimum: 1 },
            ns: nsQuerySchema,
          },
        },
      },
    },
    async (request, reply) => {
      const { format = 'json', type, id, depth, direction = 'both', ns } = request.query
      if ((type === undefined) !== (id === undefined))
        throw badRequest('give both type and id, or neither')
      if (depth !== undefined && depth > ctx.limits.maxDepth) {
        throw badRequest(`depth must be at most ${ctx.limits.maxDepth}: received ${depth}`)
      }
      const { maxNodes } = ctx.traversalBounds({ maxNodes: request.query.maxNodes })
      const maxEdges = Math.min(request.query.maxEdges ?? maxNodes * 10, maxNodes * 10)
      const options: ViewOptions = {
        direction,
        maxNodes,
        maxEdges,
        signal: ctx.requestSignal(request, reply),
      }
      if (type !== undefined && id !== undefined) options.node = { type, id }
      if (depth !== undefined) options.depth = depth
      const view = await ctx.graph(ns).view(options)
      if (format === 'json') return view
      reply.header('x-truncated', String(view.truncated)).type(CONTENT_TYPES[format])
      const render = await import('@kvgraph/graph/render')
      if (format === 'dot') return render.toDot(view)
      if (format === 'mermaid') return render.toMermaid(view)
      if (format === 'svg') return render.renderSvg(view)
      return Buffer.from(await render.renderPng(view))
    },
  )
}
