import { type Edge, Graph } from '@kvgraph/graph'
import { openFreshStore } from './database.js'
import { generatedEdges, type NetworkSize, userId } from './generate.js'
import { progressBar } from './progress.js'
import {
  type Chain,
  type FeedPage,
  feed,
  followChain,
  followers,
  following,
  mostFollowed,
  neighbourhoodSize,
  type Popular,
  type Recommendation,
  recommendations,
} from './questions.js'
import { loadSmallNetwork, smallUsers, user } from './small-network.js'

export interface Answers {
  aliceFollows: string[]
  aliceFollowers: string[]
  recommendedForAlice: Recommendation[]
  recommendedFor: { user: string; recommendations: Recommendation[] }
  chain: { from: string; to: string; byHops?: Chain; byWeight?: Chain }
  neighbourhood: { user: string; size: number }
  mostFollowed: Popular[]
  feed: { user: string; pages: FeedPage[] }
  edgesLoaded: number
}

/** The questions' subjects among generated users: an ordinary user and a far-away one. */
export const SUBJECT = userId(42)
export const FAR_AWAY = userId(3)

/** Counts what the import pulls, to drive the progress bar. */
function* counted(edges: Iterable<Edge>, onEach: (n: number) => void): Generator<Edge> {
  let n = 0
  for (const edge of edges) {
    yield edge
    if (++n % 1000 === 0) onEach(n)
  }
}

/**
 * The example end to end: recreate the database (`db`: a LevelDB folder, or a `postgres://` URL
 * whose table is emptied), load the small and the generated network, answer the questions.
 * Returns the answers (printed by main.ts, checked by the tests).
 */
export async function runSocialGraph(options: { db: string; size: NetworkSize }): Promise<Answers> {
  const { db, size } = options
  const store = await openFreshStore(db)
  try {
    const graph = new Graph(store)
    await loadSmallNetwork(graph)
    const total = size.follows + size.users * size.postsPerUser + size.likes
    const bar = progressBar('importing', total)
    const edgesLoaded = await graph.import(counted(generatedEdges(size), bar.update))
    bar.finish()

    const alice = user('alice')
    const subject = user(SUBJECT)
    const pages: FeedPage[] = []
    let cursor: string | undefined
    do {
      const page: FeedPage = await feed(graph, subject, { limit: 5, ...(cursor ? { cursor } : {}) })
      pages.push(page)
      cursor = page.cursor
    } while (cursor && pages.length < 3)
    const allUsers = [
      ...smallUsers.map(([node]) => node.id),
      ...Array.from({ length: size.users }, (_, i) => userId(i)),
    ]
    const byHops = await followChain(graph, subject, user(FAR_AWAY), false)
    const byWeight = await followChain(graph, subject, user(FAR_AWAY), true)
    return {
      aliceFollows: await following(graph, alice),
      aliceFollowers: await followers(graph, alice),
      recommendedForAlice: await recommendations(graph, alice),
      recommendedFor: { user: SUBJECT, recommendations: await recommendations(graph, subject) },
      chain: {
        from: SUBJECT,
        to: FAR_AWAY,
        ...(byHops ? { byHops } : {}),
        ...(byWeight ? { byWeight } : {}),
      },
      neighbourhood: { user: SUBJECT, size: await neighbourhoodSize(graph, subject, 2) },
      mostFollowed: await mostFollowed(graph, allUsers),
      feed: { user: SUBJECT, pages },
      edgesLoaded,
    }
  } finally {
    await store.close()
  }
}
