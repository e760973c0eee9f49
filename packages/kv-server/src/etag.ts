import type { FastifyRequest } from 'fastify'
import { badRequest, HttpError } from './http-error.js'

/** A version as an ETag: `"3"`. */
export function etagOf(version: number): string {
  return `"${version}"`
}

/**
 * The version check the request's preconditions ask for: `If-Match: "<v>"` writes only at
 * version v; `If-None-Match: *` creates only. Undefined without either.
 */
export function versionCheck(request: FastifyRequest): number | undefined {
  const ifMatch = request.headers['if-match']
  const ifNoneMatch = request.headers['if-none-match']
  if (ifMatch !== undefined && ifNoneMatch !== undefined) {
    throw badRequest('send If-Match or If-None-Match, not both')
  }
  if (ifNoneMatch !== undefined) {
    if (ifNoneMatch.trim() !== '*') {
      throw badRequest(
        `If-None-Match on a write must be *: received ${JSON.stringify(ifNoneMatch)}`,
      )
    }
    return 0
  }
  if (ifMatch !== undefined) {
    const match = /^\s*(?:W\/)?"(\d+)"\s*$/.exec(ifMatch)
    const version = match ? Number(match[1]) : Number.NaN
    if (!Number.isSafeInteger(version) || version < 1) {
      throw badRequest(`If-Match must be one ETag like "3": received ${JSON.stringify(ifMatch)}`)
    }
    return version
  }
  return undefined
}

export function preconditionFailed(message: string): HttpError {
  return new HttpError(412, 'PRECONDITION_FAILED', message)
}

/** Whether `If-None-Match` on a read names this ETag (the client's copy is current: 304). */
export function notModified(request: FastifyRequest, etag: string): boolean {
  const header = request.headers['if-none-match']
  if (header === undefined) return false
  return (
    header.trim() === '*' ||
    header.split(',').some((tag) => tag.trim().replace(/^W\//, '') === etag)
  )
}
