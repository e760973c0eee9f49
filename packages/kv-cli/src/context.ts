import type { OpenStoreOptions, Store } from '@kvgraph/core'
import type { Graph } from '@kvgraph/graph'
import type { Command } from 'commander'
import { isUrl, maskPasswords, storeLocation } from './io/db-location.js'
import { Output } from './io/output.js'

export const DEFAULT_DB = './data'

/** Options every command accepts (see program.ts). */
export interface GlobalOptions {
  /** A LevelDB directory or a `postgres://` URL: --db, else $KV_DB, else ./data. */
  db: string
  /** Whether --db (or $KV_DB) was given rather than defaulted. */
  dbGiven: boolean
  pretty: boolean
}

/**
 * What a command's action works with: the global options, standard output, and the store and
 * graph, opened on first use (commands that need neither never load them) and closed at the end.
 */
export class Context {
  readonly globals: GlobalOptions
  readonly out: Output
  #store: Promise<Store> | undefined
  #graph: Promise<Graph> | undefined

  constructor(globals: GlobalOptions) {
    this.globals = globals
    this.out = new Output(globals.pretty)
  }

  /** Whether --db is a server URL (`postgres://...`) rather than a directory. */
  get dbIsUrl(): boolean {
    return isUrl(this.globals.db)
  }

  /** The database as openStore takes it: a URL as given, a directory as an absolute path. */
  get dbLocation(): string {
    return storeLocation(this.globals.db)
  }

  /** The database for people to read: the absolute path, or the URL with its password masked. */
  get dbLabel(): string {
    return this.dbIsUrl ? maskPasswords(this.globals.db) : this.dbLocation
  }

  /** The store, opened on the first call (with that call's options). */
  store(options: OpenStoreOptions = {}): Promise<Store> {
    this.#store ??= import('@kvgraph/core').then(({ openStore }) =>
      openStore(this.dbLocation, options),
    )
    return this.#store
  }

  graph(): Promise<Graph> {
    this.#graph ??= Promise.all([import('@kvgraph/graph'), this.store()]).then(
      ([{ Graph }, store]) => new Graph(store),
    )
    return this.#graph
  }

  /** Flushes standard output and closes the store if it was opened. */
  async close(): Promise<void> {
    try {
      await this.out.flush()
    } finally {
      const opening = this.#store
      this.#store = undefined
      if (opening) {
        const store = await opening.catch(() => undefined)
        await store?.close()
      }
    }
  }
}

/** Global options of a parsed command: the deepest explicit value wins, then $KV_DB, then defaults. */
export function globalsOf(command: Command): GlobalOptions {
  let db: string | undefined
  let pretty = false
  const chain: Command[] = []
  for (let c: Command | null = command; c; c = c.parent) chain.unshift(c)
  for (const c of chain) {
    const opts = c.opts<{ db?: string; pretty?: boolean }>()
    if (opts.db !== undefined) db = opts.db
    if (opts.pretty === true) pretty = true
  }
  const env = process.env.KV_DB
  const dbGiven = db !== undefined || (env !== undefined && env !== '')
  return { db: db ?? (env || DEFAULT_DB), dbGiven, pretty }
}
