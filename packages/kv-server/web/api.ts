/** The server's API as the page uses it: every call sends the token from sessionStorage. */

export interface NodeRef {
  type: string
  id: string
}
export interface ViewNode extends NodeRef {
  props: Record<string, unknown>
}
export interface ViewEdge {
  from: NodeRef
  type: string
  to: NodeRef
  props: Record<string, unknown>
}
export interface View {
  nodes: ViewNode[]
  edges: ViewEdge[]
  truncated: boolean
}
export interface PathResult {
  nodes: NodeRef[]
  edges: ViewEdge[]
  cost: number
}

const TOKEN_KEY = 'kvgraph.token'

export function token(): string | null {
  return sessionStorage.getItem(TOKEN_KEY)
}

export function setToken(value: string): void {
  sessionStorage.setItem(TOKEN_KEY, value)
}

export class ApiError extends Error {
  constructor(
    readonly status: number,
    message: string,
  ) {
    super(message)
  }
}

export async function call(path: string, init: RequestInit = {}): Promise<Response> {
  const response = await fetch(path, {
    ...init,
    headers: {
      ...(init.headers as Record<string, string>),
      authorization: `Bearer ${token() ?? ''}`,
    },
  })
  if (!response.ok) {
    const body = await response.json().catch(() => undefined)
    throw new ApiError(response.status, body?.error?.message ?? `${response.status}`)
  }
  return response
}

const q = (params: Record<string, string | number | undefined>) =>
  new URLSearchParams(
    Object.entries(params)
      .filter((e): e is [string, string] => e[1] !== undefined)
      .map(([k, v]) => [k, String(v)]),
  ).toString()

export async function view(node: NodeRef, depth: number, maxNodes: number): Promise<View> {
  return (await call(`/graph/view?${q({ type: node.type, id: node.id, depth, maxNodes })}`)).json()
}

export async function viewText(
  node: NodeRef,
  depth: number,
  format: 'mermaid' | 'dot' | 'svg',
): Promise<string> {
  return (await call(`/graph/view?${q({ type: node.type, id: node.id, depth, format })}`)).text()
}

export async function path(from: NodeRef, to: NodeRef): Promise<PathResult | undefined> {
  try {
    const query = q({
      fromType: from.type,
      fromId: from.id,
      toType: to.type,
      toId: to.id,
      direction: 'both',
    })
    return (await call(`/graph/path?${query}`)).json()
  } catch (error) {
    if (error instanceof ApiError && error.status === 404) return undefined
    throw error
  }
}
