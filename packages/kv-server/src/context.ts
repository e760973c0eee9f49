import type { Consumer, Store } from '@kvgraph/core'
import { Graph } from '@kvgraph/graph'
import { Tasks } from '@kvgraph/tasks'
import type { FastifyReply, FastifyRequest } from 'fastify'
import { badRequest } from './http-error.js'
import type { ServerLimits } from './options.js'

/** What every route group works with: the store, the limits, and handles kept across requests. */
export class ServerContext {
  readonly store: Store
  readonly limits: ServerLimits
  /** Aborts when the server begins to stop: long-lived responses (SSE) end on it. */
  readonly stopping = new AbortController()
  readonly #graphs = new Map<string, Graph>()
  readonly #consumers = new Map<string, Consumer>()
  #tasks: Tasks | undefined

  constructor(store: Store, limits: ServerLimits) {
    this.store = store
    this.limits = limits
  }

  /** The graph of `ns`, or the store's root graph without one (kept: it caches adjacency). */
  graph(ns: string | undefined): Graph {
    const name = ns ?? ''
    let graph = this.#graphs.get(name)
    if (!graph) {
      graph = ns === undefined ? new Graph(this.store) : new Graph(this.store, { namespace: ns })
      if (this.#graphs.size >= 64) this.#graphs.delete(this.#graphs.keys().next().value!)
      this.#graphs.set(name, graph)
    }
    return graph
  }

  namespace(ns: string): Store {
    return this.store.namespace(ns)
  }

  /** One consumer handle per name in this process: its lease owner stays the same across calls. */
  consumer(name: string): Consumer {
    let consumer = this.#consumers.get(name)
    if (!consumer) {
      consumer = this.store.consumer(name)
      this.#consumers.set(name, consumer)
    }
    return consumer
  }

  get tasks(): Tasks {
    this.#tasks ??= new Tasks(this.store)
    return this.#tasks
  }

  /** A page size: the default is the server's cap, and more than the cap is refused. */
  pageLimit(limit: number | undefined): number {
    if (limit === undefined) return this.limits.maxPageSize
    if (limit > this.limits.maxPageSize) {
      throw badRequest(`limit must be at most ${this.limits.maxPageSize}: received ${limit}`)
    }
    return limit
  }

  /** A traversal's bounds, capped by the server's. */
  traversalBounds(query: { maxNodes?: number; maxDepth?: number }): {
    maxNodes: number
    maxDepth: number
  } {
    const { maxNodes = this.limits.maxNodes, maxDepth = this.limits.maxDepth } = query
    if (maxNodes > this.limits.maxNodes) {
      throw badRequest(`maxNodes must be at most ${this.limits.maxNodes}: received ${maxNodes}`)
    }
    if (maxDepth > this.limits.maxDepth) {
      throw badRequest(`maxDepth must be at most ${this.limits.maxDepth}: received ${maxDepth}`)
    }
    return { maxNodes, maxDepth }
  }

  /**
   * A signal that aborts when the client disconnects before its reply is sent, when the request
   * runs past the server's timeout, or when the server stops.
   */
  requestSignal(request: FastifyRequest, reply: FastifyReply): AbortSignal {
    const gone = new AbortController()
    reply.raw.once('close', () => {
      if (!reply.raw.writableFinished) gone.abort(new Error(`client closed ${request.url}`))
    })
    return AbortSignal.any([
      gone.signal,
      AbortSignal.timeout(this.limits.requestTimeoutMs),
      this.stopping.signal,
    ])
  }
}
