import type { EdgeDirection, EdgeInput, Props } from '@kvgraph/graph'
import type { FastifyInstance } from 'fastify'
import type { ServerContext } from '../context.js'
import { HttpError, notFound } from '../http-error.js'
import {
  cursorSchema,
  directionSchema,
  limitSchema,
  nodeRefSchema,
  nsQuerySchema,
  propsSchema,
} from '../schemas.js'
import { edgePage, parseEdgeLines } from './graph-edges.js'
import { graphViewRoute } from './graph-view.js'

const nsQuery = { type: 'object', properties: { ns: nsQuerySchema } } as const
const nodeParams = {
  type: 'object',
  properties: { type: { type: 'string', minLength: 1 }, id: { type: 'string', minLength: 1 } },
  required: ['type', 'id'],
} as const
const edgeBody = {
  type: 'object',
  properties: {
    from: nodeRefSchema,
    type: { type: 'string', minLength: 1 },
    to: nodeRefSchema,
    props: propsSchema,
  },
  required: ['from', 'type', 'to'],
  additionalProperties: false,
} as const
const boundsQuery = {
  maxDepth: { type: 'integer', minimum: 0 },
  maxNodes: { type: 'integer', minimum: 1 },
  direction: directionSchema,
  ns: nsQuerySchema,
} as const

/** Steps between yields to the event loop during a BFS. */
const YIELD_EVERY = 64

function aborted(signal: AbortSignal): HttpError {
  const reason =
    (signal.reason as Error | undefined)?.name === 'TimeoutError'
      ? 'ran past the request timeout'
      : 'was aborted'
  return new HttpError(503, 'GRAPH_ABORTED', `the traversal ${reason}`)
}

interface NodeParams {
  type: string
  id: string
}
interface Bounds {
  maxDepth?: number
  maxNodes?: number
  direction?: EdgeDirection
  ns?: string
}

/** The graph: edges, nodes, import, BFS, shortest path and views; `?ns=` picks a graph namespace. */
export function graphRoutes(app: FastifyInstance, ctx: ServerContext): void {
  app.put<{ Body: EdgeInput; Querystring: { ns?: string } }>(
    '/graph/edges',
    {
      schema: {
        summary: 'Add an edge (or replace its props)',
        querystring: nsQuery,
        body: edgeBody,
      },
    },
    async (request) => {
      const { from, type, to, props = {} } = request.body
      return ctx.graph(request.query.ns).addEdge(from, type, to, props)
    },
  )

  app.delete<{ Body: EdgeInput; Querystring: { ns?: string } }>(
    '/graph/edges',
    {
      schema: { summary: 'Remove an edge (404 when absent)', querystring: nsQuery, body: edgeBody },
    },
    async (request, reply) => {
      const { from, type, to } = request.body
      if (!(await ctx.graph(request.query.ns).removeEdge(from, type, to))) throw notFound('edge')
      return reply.code(204).send()
    },
  )

  app.post<{ Body: string; Querystring: { ns?: string } }>(
    '/graph/import',
    {
      schema: {
        summary: 'Import edges from JSON lines (application/x-ndjson), in atomic batches',
        querystring: nsQuery,
      },
    },
    async (request) => {
      const edges = parseEdgeLines(String(request.body ?? ''), ctx.limits.maxImportLines)
      return { edges: await ctx.graph(request.query.ns).import(edges) }
    },
  )

  app.get<{ Params: NodeParams; Querystring: { ns?: string } }>(
    '/graph/nodes/:type/:id',
    { schema: { summary: 'A node record', params: nodeParams, querystring: nsQuery } },
    async (request) => {
      const { type, id } = request.params
      const node = await ctx.graph(request.query.ns).getNode({ type, id })
      if (!node) throw notFound(`node ${type}:${id}`)
      return node
    },
  )

  app.put<{ Params: NodeParams; Querystring: { ns?: string }; Body: Props }>(
    '/graph/nodes/:type/:id',
    {
      schema: {
        summary: "Store a node's props",
        params: nodeParams,
        querystring: nsQuery,
        body: propsSchema,
      },
    },
    async (request) => {
      const { type, id } = request.params
      return ctx.graph(request.query.ns).putNode({ type, id }, request.body)
    },
  )

  app.get<{
    Params: NodeParams
    Querystring: {
      ns?: string
      direction?: EdgeDirection
      type?: string
      limit?: number
      cursor?: string
    }
  }>(
    '/graph/nodes/:type/:id/edges',
    {
      schema: {
        summary: "One page of a node's edges",
        params: nodeParams,
        querystring: {
          type: 'object',
          properties: {
            ns: nsQuerySchema,
            direction: directionSchema,
            type: { type: 'string', minLength: 1 },
            limit: limitSchema,
            cursor: cursorSchema,
          },
        },
      },
    },
    async (request) => {
      const { ns, direction = 'out', type, cursor } = request.query
      const page = await edgePage(ctx.graph(ns), request.params, direction, {
        limit: ctx.pageLimit(request.query.limit),
        ...(type === undefined ? {} : { type }),
        ...(cursor === undefined ? {} : { cursor }),
      })
      return { edges: page.edges, cursor: page.cursor ?? null }
    },
  )

  app.get<{ Querystring: Bounds & { type: string; id: string } }>(
    '/graph/bfs',
    {
      schema: {
        summary:
          'Breadth-first traversal within the server caps; `stopped` names the bound that ended it',
        querystring: {
          type: 'object',
          properties: {
            type: { type: 'string', minLength: 1 },
            id: { type: 'string', minLength: 1 },
            ...boundsQuery,
          },
          required: ['type', 'id'],
        },
      },
    },
    async (request, reply) => {
      const { type, id, ns, direction = 'out' } = request.query
      const bounds = ctx.traversalBounds(request.query)
      const signal = ctx.requestSignal(request, reply)
      const traversal = ctx.graph(ns).bfs({ type, id }, { ...bounds, direction, signal })
      const steps = []
      for await (const step of traversal) {
        steps.push(step)
        // Let timers and socket events run, so a timeout or a disconnect can abort a long walk.
        if (steps.length % YIELD_EVERY === 0) await new Promise(setImmediate)
        if (signal.aborted) break
      }
      if (signal.aborted) throw aborted(signal)
      return { steps, stopped: traversal.stopped ?? null }
    },
  )

  app.get<{
    Querystring: Bounds & {
      fromType: string
      fromId: string
      toType: string
      toId: string
      weight?: string
    }
  }>(
    '/graph/path',
    {
      schema: {
        summary:
          'The shortest path (fewest hops, or least total of a numeric edge prop); 404 when none',
        querystring: {
          type: 'object',
          properties: {
            fromType: { type: 'string', minLength: 1 },
            fromId: { type: 'string', minLength: 1 },
            toType: { type: 'string', minLength: 1 },
            toId: { type: 'string', minLength: 1 },
            weight: { type: 'string', minLength: 1 },
            ...boundsQuery,
          },
          required: ['fromType', 'fromId', 'toType', 'toId'],
        },
      },
    },
    async (request, reply) => {
      const { fromType, fromId, toType, toId, weight, ns, direction = 'out' } = request.query
      const path = await ctx.graph(ns).shortestPath(
        { type: fromType, id: fromId },
        { type: toType, id: toId },
        {
          ...ctx.traversalBounds(request.query),
          direction,
          signal: ctx.requestSignal(request, reply),
          ...(weight === undefined ? {} : { weight }),
        },
      )
      if (!path) throw notFound(`path from ${fromType}:${fromId} to ${toType}:${toId}`)
      return path
    },
  )

  graphViewRoute(app, ctx)
}
