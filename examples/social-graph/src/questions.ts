import type { Graph, NodeRef } from '@kvgraph/graph'
import { user } from './small-network.js'

/** Real questions about the network, each answered through the public Graph API. */

export async function following(graph: Graph, who: NodeRef): Promise<string[]> {
  const ids: string[] = []
  for await (const edge of graph.edges(who, { direction: 'out', type: 'follows' }))
    ids.push(edge.to.id)
  return ids
}

export async function followers(graph: Graph, who: NodeRef): Promise<string[]> {
  const ids: string[] = []
  for await (const edge of graph.edges(who, { direction: 'in', type: 'follows' }))
    ids.push(edge.from.id)
  return ids
}

export interface Recommendation {
  id: string
  /** How many of the people `who` follows also follow this user. */
  mutual: number
}

/** Friends of friends that `who` does not follow yet, ranked by mutual connections. */
export async function recommendations(
  graph: Graph,
  who: NodeRef,
  limit = 5,
): Promise<Recommendation[]> {
  const followed = new Set(await following(graph, who))
  const counts = new Map<string, number>()
  for (const friend of followed) {
    for (const candidate of await following(graph, user(friend))) {
      if (candidate === who.id || followed.has(candidate)) continue
      counts.set(candidate, (counts.get(candidate) ?? 0) + 1)
    }
  }
  return [...counts]
    .map(([id, mutual]) => ({ id, mutual }))
    .sort((a, b) => b.mutual - a.mutual || (a.id < b.id ? -1 : 1))
    .slice(0, limit)
}

export interface Chain {
  ids: string[]
  cost: number
}

/** The shortest follow chain, by hops or by the `weight` property (lower = closer). */
export async function followChain(
  graph: Graph,
  from: NodeRef,
  to: NodeRef,
  byWeight: boolean,
): Promise<Chain | undefined> {
  const path = await graph.shortestPath(from, to, {
    edgeTypes: ['follows'],
    ...(byWeight ? { weight: 'weight' } : {}),
  })
  return path && { ids: path.nodes.map((node) => node.id), cost: path.cost }
}

export async function neighbourhoodSize(
  graph: Graph,
  who: NodeRef,
  depth: number,
): Promise<number> {
  return (await graph.neighborhood(who, { depth, edgeTypes: ['follows'] })).length
}

export interface Popular {
  id: string
  followers: number
}

export async function mostFollowed(
  graph: Graph,
  ids: Iterable<string>,
  limit = 5,
): Promise<Popular[]> {
  const counted: Popular[] = []
  for (const id of ids) {
    counted.push({
      id,
      followers: await graph.degree(user(id), { direction: 'in', type: 'follows' }),
    })
  }
  return counted.sort((a, b) => b.followers - a.followers || (a.id < b.id ? -1 : 1)).slice(0, limit)
}

export interface FeedItem {
  post: string
  author: string
  timestamp: string
  title?: string
}

export interface FeedPage {
  items: FeedItem[]
  cursor?: string
}

const newestFirst = (a: FeedItem, b: FeedItem) =>
  a.timestamp === b.timestamp ? (a.post < b.post ? -1 : 1) : a.timestamp < b.timestamp ? 1 : -1

/**
 * Posts by the people `who` follows, newest first, a page at a time. The cursor is the last
 * item's (timestamp, post): the next page starts strictly after it, so posts added meanwhile
 * never make a page repeat or skip an older post.
 */
export async function feed(
  graph: Graph,
  who: NodeRef,
  options: { limit: number; cursor?: string },
): Promise<FeedPage> {
  const after = options.cursor
    ? (JSON.parse(Buffer.from(options.cursor, 'base64url').toString()) as FeedItem)
    : undefined
  const items: FeedItem[] = []
  for (const author of await following(graph, who)) {
    for await (const edge of graph.edges(user(author), { direction: 'out', type: 'authored' })) {
      const item = { post: edge.to.id, author, timestamp: String(edge.props.timestamp) }
      if (!after || newestFirst(after, item) < 0) items.push(item)
    }
  }
  items.sort(newestFirst)
  const page = items.slice(0, options.limit)
  for (const item of page) {
    const title = (await graph.getNode({ type: 'Post', id: item.post }))?.props.title
    if (typeof title === 'string') (item as FeedItem).title = title
  }
  const last = page.at(-1)
  const more = items.length > options.limit && last
  return more
    ? { items: page, cursor: Buffer.from(JSON.stringify(last)).toString('base64url') }
    : { items: page }
}
