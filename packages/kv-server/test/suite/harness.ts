import type { Store } from '@kvgraph/core'
import { createServer, type KvServer, type ServerOptions } from '@kvgraph/server'

export const TOKEN = 'test-token-0123456789'

/** A server on a free loopback port, and fetch helpers that send the token. */
export interface Harness {
  server: KvServer
  url: string
  /** fetch with the Bearer token and, for an object body, JSON. */
  call(
    path: string,
    init?: { method?: string; body?: unknown; headers?: Record<string, string> },
  ): Promise<Response>
  /** call(), then the parsed JSON body and the status. */
  // biome-ignore lint/suspicious/noExplicitAny: response bodies are checked field by field
  json<T = any>(
    path: string,
    init?: Parameters<Harness['call']>[1],
  ): Promise<{ status: number; body: T; headers: Headers }>
  close(): Promise<void>
}

export async function startServer(
  store: Store,
  options: Partial<ServerOptions> = {},
): Promise<Harness> {
  const server = await createServer({ store, token: TOKEN, port: 0, log: () => {}, ...options })
  const url = await server.listen()
  const call: Harness['call'] = (path, init = {}) => {
    const headers: Record<string, string> = { authorization: `Bearer ${TOKEN}`, ...init.headers }
    let body: string | undefined
    if (init.body !== undefined) {
      if (typeof init.body === 'string') body = init.body
      else {
        body = JSON.stringify(init.body)
        headers['content-type'] ??= 'application/json'
      }
    }
    return fetch(url + path, {
      method: init.method ?? 'GET',
      headers,
      ...(body === undefined ? {} : { body }),
    })
  }
  return {
    server,
    url,
    call,
    async json(path, init) {
      const response = await call(path, init)
      const text = await response.text()
      return {
        status: response.status,
        body: text === '' ? undefined : JSON.parse(text),
        headers: response.headers,
      }
    },
    close: () => server.close(),
  }
}
