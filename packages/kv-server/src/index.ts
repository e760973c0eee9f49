export { generateToken, tokensEqual } from './auth.js'
export { type ErrorBody, STATUS_OF_CODE } from './errors.js'
export { HttpError } from './http-error.js'
export {
  DEFAULT_HOST,
  DEFAULT_LIMITS,
  DEFAULT_PORT,
  isLoopback,
  parseSize,
  type RateLimit,
  type ServerLimits,
  type ServerOptions,
} from './options.js'
export { createServer, type KvServer } from './server.js'
export { stopOnSignals } from './shutdown.js'
