import { describeValue as describe, KvError } from '@kvgraph/core'
import { isStore } from '@kvgraph/core/internal'
import { parseSize, type ServerOptions } from './options.js'

function invalid(name: string, expected: string, received: unknown): KvError {
  return new KvError(
    'KV_INVALID_ARGUMENT',
    `createServer: options.${name} must be ${expected}: received ${describe(received)}`,
  )
}

/** Checks createServer's options before anything starts; messages name the option and the value. */
export function checkOptions(options: ServerOptions): { closeStore: boolean } {
  if (typeof options !== 'object' || options === null) throw invalid('', 'an object', options)
  if (!isStore(options.store)) throw invalid('store', 'an open Store', options.store)
  const { token, host, port, bodyLimit, graceMs, limits } = options
  if (token !== undefined && (typeof token !== 'string' || token.length < 8 || /\s/.test(token))) {
    throw invalid('token', 'a string of 8 or more characters without spaces', token)
  }
  if (host !== undefined && (typeof host !== 'string' || host === '')) {
    throw invalid('host', 'a host name or address', host)
  }
  if (port !== undefined && (!Number.isInteger(port) || port < 0 || port > 65535)) {
    throw invalid('port', 'an integer from 0 to 65535', port)
  }
  if (bodyLimit !== undefined && parseSize(bodyLimit) === undefined) {
    throw invalid('bodyLimit', "a positive byte count or a size like '1mb'", bodyLimit)
  }
  if (graceMs !== undefined && (!Number.isInteger(graceMs) || graceMs < 0)) {
    throw invalid('graceMs', 'a non-negative integer', graceMs)
  }
  for (const [name, value] of Object.entries(limits ?? {})) {
    if (!Number.isSafeInteger(value) || (value as number) < 1) {
      throw invalid(`limits.${name}`, 'a positive integer', value)
    }
  }
  return { closeStore: options.closeStore === true }
}
