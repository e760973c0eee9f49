import { KvError } from '../../errors.js'

/** True when an error, or one of its causes, is the browser's full-quota DOMException. */
function isQuotaExceeded(error: unknown): boolean {
  for (let e = error, depth = 0; e && depth < 5; e = (e as { cause?: unknown }).cause, depth++) {
    if ((e as { name?: unknown }).name === 'QuotaExceededError') return true
  }
  return false
}

/**
 * The typed error for a failed batch: `KV_QUOTA` when the browser's storage quota is full
 * (IndexedDB aborts the whole transaction, so nothing of the batch was written), else
 * `KV_IO_ERROR`.
 */
export function writeFailure(error: unknown): KvError {
  const message = (error as Error)?.message ?? String(error)
  return isQuotaExceeded(error)
    ? new KvError('KV_QUOTA', `write failed: the storage quota is full: ${message}`, {
        cause: error,
      })
    : new KvError('KV_IO_ERROR', `write failed: ${message}`, { cause: error })
}
