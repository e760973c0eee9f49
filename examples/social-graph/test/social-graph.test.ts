import { mkdtempSync, readFileSync, rmSync } from 'node:fs'
import { tmpdir } from 'node:os'
import { join } from 'node:path'
import { MultiDirectedGraph } from 'graphology'
import { bidirectional, dijkstra } from 'graphology-shortest-path'
import { afterAll, describe, expect, it } from 'vitest'
import { type Answers, FAR_AWAY, runSocialGraph, SUBJECT } from '../src/app.js'
import { diagramFiles } from '../src/diagrams.js'
import { generatedEdges, type NetworkSize } from '../src/generate.js'
import { diagramsDir } from '../src/paths.js'
import { smallEdges } from '../src/small-network.js'

const SIZE: NetworkSize = { users: 300, follows: 2500, postsPerUser: 1, likes: 400, seed: 11 }
const dir = mkdtempSync(join(tmpdir(), 'kv-social-'))
afterAll(() => rmSync(dir, { recursive: true, force: true }))

/** The same data held by graphology: the independent oracle for every answer. */
function oracle() {
  const g = new MultiDirectedGraph()
  const follows = new MultiDirectedGraph()
  for (const edge of [...smallEdges, ...generatedEdges(SIZE)]) {
    for (const target of edge.type === 'follows' ? [g, follows] : [g]) {
      target.mergeNode(edge.from.id)
      target.mergeNode(edge.to.id)
      target.addEdge(edge.from.id, edge.to.id, { type: edge.type, ...edge.props })
    }
  }
  const out = (id: string) => (follows.hasNode(id) ? follows.outNeighbors(id) : [])
  return { g, follows, out }
}

describe('the social-graph example', async () => {
  const answers: Answers = await runSocialGraph({ db: join(dir, 'social'), size: SIZE })
  const { g, follows, out } = oracle()

  it('imports every edge', () => {
    expect(answers.edgesLoaded).toBe(g.size - smallEdges.length)
  })

  it('answers whom alice follows and who follows her', () => {
    expect([...answers.aliceFollows].sort()).toEqual([...out('alice')].sort())
    expect([...answers.aliceFollowers].sort()).toEqual([...follows.inNeighbors('alice')].sort())
  })

  it('ranks friends-of-friends by mutual connections', () => {
    for (const [who, got] of [
      ['alice', answers.recommendedForAlice],
      [SUBJECT, answers.recommendedFor.recommendations],
    ] as const) {
      const followed = new Set(out(who))
      const counts = new Map<string, number>()
      for (const friend of followed) {
        for (const candidate of out(friend)) {
          if (candidate !== who && !followed.has(candidate))
            counts.set(candidate, (counts.get(candidate) ?? 0) + 1)
        }
      }
      expect(got.length).toBe(Math.min(5, counts.size))
      for (const { id, mutual } of got) expect(counts.get(id)).toBe(mutual)
      const best = Math.max(0, ...counts.values())
      if (got.length > 0) expect(got[0]!.mutual).toBe(best)
    }
  })

  it('finds the shortest follow chain by hops and by weight', () => {
    const hops = bidirectional(follows, SUBJECT, FAR_AWAY)
    expect(answers.chain.byHops?.cost).toBe(hops ? hops.length - 1 : undefined)
    const weighted = dijkstra.bidirectional(follows, SUBJECT, FAR_AWAY, 'weight')
    const cost = (path: string[]) =>
      path
        .slice(1)
        .reduce(
          (sum, to, i) =>
            sum +
            Math.min(
              ...follows
                .edges(path[i]!, to)
                .map((e) => follows.getEdgeAttribute(e, 'weight') as number),
            ),
          0,
        )
    expect(answers.chain.byWeight?.cost).toBe(weighted ? cost(weighted) : undefined)
    // Our chains are real chains of follows whose cost adds up.
    const chain = answers.chain.byWeight!.ids
    expect(cost(chain)).toBe(answers.chain.byWeight!.cost)
  })

  it('measures a two-hop neighbourhood', () => {
    const seen = new Set([SUBJECT])
    let frontier = [SUBJECT]
    for (let depth = 0; depth < 2; depth++) {
      frontier = frontier.flatMap(out).filter((id) => !seen.has(id) && seen.add(id))
    }
    expect(answers.neighbourhood.size).toBe(seen.size - 1)
  })

  it('lists the most followed users', () => {
    const degrees = follows.nodes().map((id) => ({ id, followers: follows.inDegree(id) }))
    degrees.sort((a, b) => b.followers - a.followers || (a.id < b.id ? -1 : 1))
    expect(answers.mostFollowed).toEqual(degrees.slice(0, 5))
  })

  it('pages the feed newest first with a cursor', () => {
    const posts = out(SUBJECT).flatMap((author) =>
      g
        .outEdges(author)
        .filter((e) => g.getEdgeAttribute(e, 'type') === 'authored')
        .map((e) => ({
          post: g.target(e),
          author,
          timestamp: g.getEdgeAttribute(e, 'timestamp') as string,
        })),
    )
    posts.sort((a, b) =>
      a.timestamp === b.timestamp ? (a.post < b.post ? -1 : 1) : a.timestamp < b.timestamp ? 1 : -1,
    )
    const paged = answers.feed.pages.flatMap((page) =>
      page.items.map(({ post, author, timestamp }) => ({ post, author, timestamp })),
    )
    expect(paged).toEqual(posts.slice(0, paged.length))
    expect(paged.length).toBe(Math.min(posts.length, 15))
  })
})

describe('committed diagrams', () => {
  it('equal what the code generates now (npm run docs:diagrams regenerates them)', async () => {
    const files = await diagramFiles({ mermaidSvg: true })
    expect(files.size).toBe(8)
    for (const [name, content] of files) {
      expect(readFileSync(join(diagramsDir, name), 'utf8'), `docs/diagrams/${name} is stale`).toBe(
        content,
      )
    }
  })
})
