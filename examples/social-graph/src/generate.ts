import { seededRandom } from '@kvgraph/core/random'
import type { Edge, NodeRef } from '@kvgraph/graph'
import { post, user } from './small-network.js'

export interface NetworkSize {
  users: number
  follows: number
  /** Posts per user on average. */
  postsPerUser: number
  likes: number
  seed: number
}

export const FULL_SIZE: NetworkSize = {
  users: 10_000,
  follows: 100_000,
  postsPerUser: 2,
  likes: 50_000,
  seed: 7,
}

export const userId = (i: number) => `u${String(i).padStart(5, '0')}`

/**
 * A generated social network. Followees are drawn with a power-law bias (a few users are very
 * popular), follows carry a `weight` (1-10, lower = closer), posts have timestamps in 2024.
 * Edges come as a lazy iterable, so the bulk import streams them.
 */
export function* generatedEdges(size: NetworkSize): Generator<Edge> {
  const random = seededRandom(size.seed)
  const popular = () => Math.min(size.users - 1, Math.floor(size.users * random() ** 3))
  const seen = new Set<string>()
  for (let made = 0; made < size.follows; ) {
    const from = Math.floor(random() * size.users)
    const to = popular()
    const key = `${from}>${to}`
    if (from === to || seen.has(key)) continue
    seen.add(key)
    made++
    yield {
      from: user(userId(from)),
      type: 'follows',
      to: user(userId(to)),
      props: { weight: 1 + Math.floor(random() * 10) },
    }
  }
  const posts: NodeRef[] = []
  const start = Date.UTC(2024, 0, 1)
  for (let i = 0; i < size.users * size.postsPerUser; i++) {
    const author = Math.floor(random() * size.users)
    const ref = post(`g${i}`)
    posts.push(ref)
    const timestamp = new Date(start + Math.floor(random() * 366 * 86_400_000)).toISOString()
    yield { from: user(userId(author)), type: 'authored', to: ref, props: { timestamp } }
  }
  for (let i = 0; i < size.likes; i++) {
    const who = Math.floor(random() * size.users)
    const what = posts[Math.floor(random() * posts.length)]!
    yield {
      from: user(userId(who)),
      type: 'liked',
      to: what,
      props: { reaction: random() < 0.5 ? 'love' : 'thumbs_up' },
    }
  }
}
