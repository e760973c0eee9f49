import { KvError } from '../errors.js'

/** The error a browser build gives for what needs Node's files, streams and zlib. */
export function nodeOnly(method: string): KvError {
  return new KvError(
    'KV_UNSUPPORTED',
    `${method}: backup files need Node.js (node:fs, node:stream, node:zlib); in a browser, copyStore copies between stores`,
  )
}
