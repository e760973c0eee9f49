import type { Edge, Graph, NodeRef, Props } from '@kvgraph/graph'

/** The small social network from a-h/kv's README: four users, three posts, their edges. */
export const user = (id: string): NodeRef => ({ type: 'User', id })
export const post = (id: string): NodeRef => ({ type: 'Post', id })

export const smallUsers: Array<[NodeRef, Props]> = [
  [user('alice'), { name: 'Alice', bio: 'Software Engineer' }],
  [user('bob'), { name: 'Bob', bio: 'Data Scientist' }],
  [user('charlie'), { name: 'Charlie', bio: 'Product Manager' }],
  [user('diana'), { name: 'Diana', bio: 'Designer' }],
]

export const smallPosts: Array<[NodeRef, Props]> = [
  [post('1'), { title: 'Hello World', content: 'My first post' }],
  [post('2'), { title: 'Graph Databases', content: 'Exploring relationships' }],
  [post('3'), { title: 'Design Principles', content: 'UX best practices' }],
]

const follows = (from: string, to: string, since: string, weight: number): Edge => ({
  from: user(from),
  type: 'follows',
  to: user(to),
  props: { since, status: 'active', weight },
})

const authored = (author: string, id: string, timestamp: string, draft_count: number): Edge => ({
  from: user(author),
  type: 'authored',
  to: post(id),
  props: { timestamp, draft_count },
})

const liked = (who: string, id: string, timestamp: string, reaction: string): Edge => ({
  from: user(who),
  type: 'liked',
  to: post(id),
  props: { timestamp, reaction },
})

export const smallEdges: Edge[] = [
  follows('alice', 'bob', '2024-01-15', 1),
  follows('alice', 'charlie', '2024-02-01', 3),
  follows('bob', 'diana', '2024-01-20', 1),
  follows('charlie', 'alice', '2024-02-10', 2),
  authored('alice', '1', '2024-01-01T10:00:00Z', 3),
  authored('bob', '2', '2024-01-15T14:30:00Z', 5),
  authored('diana', '3', '2024-02-01T09:15:00Z', 2),
  liked('bob', '1', '2024-01-02T11:00:00Z', 'love'),
  liked('alice', '2', '2024-01-16T15:00:00Z', 'thumbs_up'),
  liked('charlie', '3', '2024-02-02T10:30:00Z', 'love'),
]

/** Writes the small network: node records first, then every edge in one bulk import. */
export async function loadSmallNetwork(graph: Graph): Promise<void> {
  for (const [node, props] of [...smallUsers, ...smallPosts]) await graph.putNode(node, props)
  await graph.import(smallEdges)
}
