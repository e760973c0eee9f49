import { createHash, randomBytes, timingSafeEqual } from 'node:crypto'
import type { FastifyInstance, FastifyRequest } from 'fastify'
import { HttpError } from './http-error.js'

/** A fresh random token: 32 bytes, base64url. */
export function generateToken(): string {
  return randomBytes(32).toString('base64url')
}

/**
 * Compares in constant time: both sides are hashed first, so neither the length nor the
 * position of the first difference shows in the timing.
 */
export function tokensEqual(given: string, expected: string): boolean {
  const a = createHash('sha256').update(given).digest()
  const b = createHash('sha256').update(expected).digest()
  return timingSafeEqual(a, b)
}

/** Paths reachable without a token: the health check and the explorer page's static files. */
export function isPublic(url: string): boolean {
  const path = url.split('?', 1)[0]!
  return path === '/healthz' || path === '/' || path.startsWith('/web/')
}

/** Asks every request but the public ones for `Authorization: Bearer <token>`. */
export function addAuth(app: FastifyInstance, token: string): void {
  app.addHook('onRequest', async (request: FastifyRequest) => {
    if (isPublic(request.url)) return
    const header = request.headers.authorization
    const given = header?.startsWith('Bearer ') ? header.slice(7) : undefined
    if (given === undefined || !tokensEqual(given, token)) {
      throw new HttpError(
        401,
        'UNAUTHORIZED',
        'a valid "Authorization: Bearer <token>" header is required',
      )
    }
  })
}
