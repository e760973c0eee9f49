export interface PutOptions {
  /** -1 or omitted: no check; 0: the key must not exist; N > 0: the stored version must be N. */
  version?: number
  /** Defaults to the key's first `/`-separated segment. */
  type?: string
  /** Time to live in milliseconds. */
  ttl?: number
}

export interface PatchOptions {
  version?: number
}

export interface DeleteOptions {
  version?: number
}

export interface EntriesOptions {
  reverse?: boolean
}

export interface KeyBatchOptions extends EntriesOptions {
  /**
   * Keys per batch (default 1,000). Larger batches cost fewer round trips to the engine on
   * scans of millions of keys, and hold that many keys in memory at once.
   */
  batchSize?: number
}
