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

export const smallEdges: Edge[] = [
  {
    from: user('alice'),
    type: 'follows',
    to: user('bob'),
    props: { since: '2024-01-15', status: 'active', weight: 1 },
  },
  {
    from: user('alice'),
    type: 'follows',
    to: user('charlie'),
    props: { since: '2024-02-01', status: 'active', weight: 3 },
  },
  {
    from: user('bob'),
    type: 'follows',
    to: user('diana'),
    props: { since: '2024-01-20', status: 'active', weight: 1 },
  },
  {
    from: user('charlie'),
    type: 'follows',
    to: user('alice'),
    props: { since: '2024-02-10', status: 'active', weight: 2 },
  },
  {
    from: user('alice'),
    type: 'authored',
    to: post('1'),
    props: { timestamp: '2024-01-01T10:00:00Z', draft_count: 3 },
  },
  {
    from: user('bob'),
    type: 'authored',
    to: post('2'),
    props: { timestamp: '2024-01-15T14:30:00Z', draft_count: 5 },
  },
  {
    from: user('diana'),
    type: 'authored',
    to: post('3'),
    props: { timestamp: '2024-02-01T09:15:00Z', draft_count: 2 },
  },
  {
    from: user('bob'),
    type: 'liked',
    to: post('1'),
    props: { timestamp: '2024-01-02T11:00:00Z', reaction: 'love' },
  },
  {
    from: user('alice'),
    type: 'liked',
    to: post('2'),
    props: { timestamp: '2024-01-16T15:00:00Z', reaction: 'thumbs_up' },
  },
  {
    from: user('charlie'),
    type: 'liked',
    to: post('3'),
    props: { timestamp: '2024-02-02T10:30:00Z', reaction: 'love' },
  },
]

/** Writes the small network: node records first, then every edge in one bulk import. */
export async function loadSmallNetwork(graph: Graph): Promise<void> {
  for (const [node, props] of [...smallUsers, ...smallPosts]) await graph.putNode(node, props)
  await graph.import(smallEdges)
}
