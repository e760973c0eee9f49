import type { Edge, EdgeDirection, EdgeInput, EdgePage, Graph, NodeRef } from '@kvgraph/graph'
import { badRequest } from '../http-error.js'

/**
 * One page of a node's edges. `both` pages the outgoing edges, then the incoming ones: its cursor
 * says which side it stopped in (`o:` or `i:`) and where.
 */
export async function edgePage(
  graph: Graph,
  node: NodeRef,
  direction: EdgeDirection,
  options: { type?: string; limit: number; cursor?: string },
): Promise<EdgePage> {
  const page = (side: 'out' | 'in', limit: number, cursor: string | undefined) => {
    const opts = {
      limit,
      ...(options.type === undefined ? {} : { type: options.type }),
      ...(cursor === undefined || cursor === '' ? {} : { cursor }),
    }
    return side === 'out' ? graph.outgoing(node, opts) : graph.incoming(node, opts)
  }
  if (direction !== 'both') return page(direction, options.limit, options.cursor)
  const cursor = options.cursor
  if (cursor !== undefined && !/^[oi]:/.test(cursor)) {
    throw badRequest(
      `cursor must come from a page of direction=both: received ${JSON.stringify(cursor)}`,
    )
  }
  let edges: Edge[] = []
  if (cursor === undefined || cursor.startsWith('o:')) {
    const out = await page('out', options.limit, cursor?.slice(2))
    if (out.cursor !== undefined) return { edges: out.edges, cursor: `o:${out.cursor}` }
    edges = out.edges
    if (edges.length === options.limit) return { edges, cursor: 'i:' }
  }
  const rest = options.limit - edges.length
  const incoming = await page('in', rest, cursor?.startsWith('i:') ? cursor.slice(2) : undefined)
  const result: EdgePage = { edges: [...edges, ...incoming.edges] }
  if (incoming.cursor !== undefined) result.cursor = `i:${incoming.cursor}`
  return result
}

/** Edges from JSON lines: one edge object per non-blank line; a bad line is a 400 naming it. */
export function parseEdgeLines(text: string, maxLines: number): EdgeInput[] {
  const edges: EdgeInput[] = []
  const lines = text.split('\n')
  for (const [i, line] of lines.entries()) {
    if (line.trim() === '') continue
    if (edges.length >= maxLines) throw badRequest(`an import holds at most ${maxLines} lines`)
    let edge: unknown
    try {
      edge = JSON.parse(line)
    } catch {
      throw badRequest(`line ${i + 1} is not JSON: ${JSON.stringify(line.slice(0, 60))}`)
    }
    if (typeof edge !== 'object' || edge === null || Array.isArray(edge)) {
      throw badRequest(`line ${i + 1} must be an edge object {from, type, to, props}`)
    }
    edges.push(edge as EdgeInput)
  }
  return edges
}
