import { CodedError } from '@kvgraph/core'
import type { FastifyError, FastifyInstance } from 'fastify'
import { HttpError } from './http-error.js'

/**
 * The HTTP status of every coded error of the store, the graph, the renderer and the tasks:
 * the one table, so a code never answers two statuses on two routes.
 */
export const STATUS_OF_CODE: Readonly<Record<string, number>> = {
  KV_INVALID_KEY: 400,
  KV_INVALID_VALUE: 400,
  KV_INVALID_ARGUMENT: 400,
  KV_INVALID_CURSOR: 400,
  KV_VERSION_CONFLICT: 409,
  KV_CONFLICT: 409,
  KV_LOCKED: 503,
  KV_CLOSED: 503,
  KV_UNAVAILABLE: 503,
  KV_IO_ERROR: 500,
  GRAPH_INVALID_NODE: 400,
  GRAPH_INVALID_ARGUMENT: 400,
  GRAPH_KEY_TOO_LONG: 400,
  GRAPH_INVALID_WEIGHT: 400,
  GRAPH_LIMIT_EXCEEDED: 422,
  GRAPH_ABORTED: 503,
  RENDER_INVALID_ARGUMENT: 400,
  RENDER_GRAPHVIZ_MISSING: 503,
  RENDER_FAILED: 500,
  TASK_INVALID_ARGUMENT: 400,
  TASK_INVALID_PAYLOAD: 400,
  TASK_INVALID_CRON: 400,
  TASK_UNKNOWN_NAME: 400,
  TASK_KEY_TAKEN: 409,
}

/** Codes for fastify's own errors (request parsing, validation, limits). */
const FASTIFY_CODES: Readonly<Record<string, string>> = {
  FST_ERR_VALIDATION: 'INVALID_ARGUMENT',
  FST_ERR_CTP_INVALID_JSON_BODY: 'INVALID_JSON',
  FST_ERR_CTP_EMPTY_JSON_BODY: 'INVALID_JSON',
  FST_ERR_CTP_BODY_TOO_LARGE: 'BODY_TOO_LARGE',
  FST_ERR_CTP_INVALID_MEDIA_TYPE: 'UNSUPPORTED_MEDIA_TYPE',
  FST_ERR_CTP_INVALID_CONTENT_LENGTH: 'INVALID_ARGUMENT',
}

export interface ErrorBody {
  error: { code: string; message: string }
}

/** The status, code and message a thrown error answers with; never a stack trace. */
export function errorReply(error: unknown): { status: number; body: ErrorBody } {
  if (error instanceof HttpError) {
    return {
      status: error.statusCode,
      body: { error: { code: error.code, message: error.message } },
    }
  }
  if (error instanceof CodedError && STATUS_OF_CODE[error.code] !== undefined) {
    return {
      status: STATUS_OF_CODE[error.code]!,
      body: { error: { code: error.code, message: error.message } },
    }
  }
  const fastify = error as Partial<FastifyError>
  const status = fastify.statusCode
  if (typeof status === 'number' && status >= 400 && status < 500) {
    const code =
      status === 429
        ? 'RATE_LIMITED'
        : (FASTIFY_CODES[fastify.code ?? ''] ??
          (error instanceof SyntaxError ? 'INVALID_JSON' : 'BAD_REQUEST'))
    return { status, body: { error: { code, message: String(fastify.message) } } }
  }
  if (status === 503) {
    return {
      status,
      body: { error: { code: 'UNAVAILABLE', message: 'the server is shutting down' } },
    }
  }
  return { status: 500, body: { error: { code: 'INTERNAL', message: 'internal server error' } } }
}

/** Every error leaves as `{ error: { code, message } }`; 5xx are logged, 4xx are not. */
export function addErrorHandler(app: FastifyInstance, log: (line: string) => void): void {
  app.setErrorHandler((error, request, reply) => {
    const { status, body } = errorReply(error)
    if (status >= 500) log(`${request.method} ${request.url}: ${(error as Error)?.stack ?? error}`)
    if (error instanceof HttpError) reply.headers(error.headers)
    reply.code(status).send(body)
  })
  app.setNotFoundHandler((request, reply) => {
    reply.code(404).send({
      error: {
        code: 'NOT_FOUND',
        message: `no route ${request.method} ${request.url.split('?')[0]}`,
      },
    })
  })
}
