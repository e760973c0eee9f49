/** An error a route raises with its own status (401, 404, 412, ...); codes are stable. */
export class HttpError extends Error {
  override readonly name = 'HttpError'
  readonly statusCode: number
  readonly code: string
  readonly headers: Record<string, string>

  constructor(
    statusCode: number,
    code: string,
    message: string,
    headers: Record<string, string> = {},
  ) {
    super(message)
    this.statusCode = statusCode
    this.code = code
    this.headers = headers
  }
}

export function notFound(what: string): HttpError {
  return new HttpError(404, 'NOT_FOUND', `${what} not found`)
}

/** `value`, or a 404 naming `what` when there is none. */
export function found<T>(value: T | undefined | null, what: string): T {
  if (value === undefined || value === null) throw notFound(what)
  return value
}

export function badRequest(message: string): HttpError {
  return new HttpError(400, 'INVALID_ARGUMENT', message)
}
