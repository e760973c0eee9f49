import { type Graph, GraphError, type NodeRef } from '@kvgraph/graph'
import { expect, it } from 'vitest'
import { forEachEngine } from './helpers/engines.js'

const n = (i: number): NodeRef => ({ type: 'N', id: String(i) })

/** A binary tree 0 -> 1, 2; 1 -> 3, 4; ... (15 nodes, depth 3) plus an island 100 -> 101. */
async function tree(graph: Graph) {
  const edges = []
  for (let i = 0; i < 7; i++) {
    edges.push({ from: n(i), type: 'child', to: n(2 * i + 1), props: { w: 1 } })
    edges.push({ from: n(i), type: 'child', to: n(2 * i + 2), props: { w: 1 } })
  }
  edges.push({ from: n(100), type: 'child', to: n(101), props: { w: 1 } })
  await graph.import(edges)
}

async function collect(walk: AsyncIterable<{ node: NodeRef }>) {
  const ids: string[] = []
  for await (const step of walk) ids.push(step.node.id)
  return ids
}

forEachEngine((ctx) => {
  it('bfs reports maxNodes only when more nodes were reachable', async () => {
    const graph = ctx.graph()
    await tree(graph)
    const cut = graph.bfs(n(0), { maxNodes: 5 })
    expect(await collect(cut)).toEqual(['0', '1', '2', '3', '4'])
    expect(cut.stopped).toBe('maxNodes')
    const exact = graph.bfs(n(0), { maxNodes: 15 })
    expect(await collect(exact)).toHaveLength(15)
    expect(exact.stopped).toBeUndefined()
    const lone = graph.bfs(n(14), { maxNodes: 1 })
    expect(await collect(lone)).toEqual(['14'])
    expect(lone.stopped).toBeUndefined()
  })

  it('bfs reports maxDepth only when nodes lay beyond it', async () => {
    const graph = ctx.graph()
    await tree(graph)
    const cut = graph.bfs(n(0), { maxDepth: 2 })
    expect(await collect(cut)).toHaveLength(7)
    expect(cut.stopped).toBe('maxDepth')
    const whole = graph.bfs(n(0), { maxDepth: 3 })
    expect(await collect(whole)).toHaveLength(15)
    expect(whole.stopped).toBeUndefined()
    const zero = graph.bfs(n(0), { maxDepth: 0 })
    expect(await collect(zero)).toEqual(['0'])
    expect(zero.stopped).toBe('maxDepth')
  })

  it('bfs ends with stopped = aborted when its signal fires', async () => {
    const graph = ctx.graph()
    await tree(graph)
    const controller = new AbortController()
    const walk = graph.bfs(n(0), { signal: controller.signal })
    const ids: string[] = []
    for await (const step of walk) {
      ids.push(step.node.id)
      if (ids.length === 3) controller.abort()
    }
    expect(ids).toEqual(['0', '1', '2'])
    expect(walk.stopped).toBe('aborted')
    const early = graph.bfs(n(0), { signal: AbortSignal.abort() })
    expect(await collect(early)).toEqual([])
    expect(early.stopped).toBe('aborted')
  })

  it('shortestPath throws GRAPH_LIMIT_EXCEEDED when a bound hides the answer, undefined when there is none', async () => {
    const graph = ctx.graph()
    await tree(graph)
    await expect(graph.shortestPath(n(0), n(14), { maxDepth: 2 })).rejects.toMatchObject({
      code: 'GRAPH_LIMIT_EXCEEDED',
      limit: 'maxDepth',
    })
    expect((await graph.shortestPath(n(0), n(14), { maxDepth: 3 }))?.cost).toBe(3)
    // One side ran out of nodes within the bound: a definite "no path".
    expect(await graph.shortestPath(n(0), n(101), { maxDepth: 3 })).toBeUndefined()
    expect(await graph.shortestPath(n(14), n(0), { maxDepth: 1 })).toBeUndefined()
    // Both sides could still go on when the bound was reached: undecided.
    await expect(graph.shortestPath(n(0), n(101), { maxDepth: 1 })).rejects.toMatchObject({
      code: 'GRAPH_LIMIT_EXCEEDED',
    })
    expect(await graph.shortestPath(n(14), n(0))).toBeUndefined()
    await expect(graph.shortestPath(n(0), n(14), { maxNodes: 4 })).rejects.toMatchObject({
      code: 'GRAPH_LIMIT_EXCEEDED',
      limit: 'maxNodes',
    })
    await expect(
      graph.shortestPath(n(0), n(14), { weight: 'w', maxDepth: 2 }),
    ).rejects.toMatchObject({ code: 'GRAPH_LIMIT_EXCEEDED', limit: 'maxDepth' })
    expect((await graph.shortestPath(n(0), n(14), { weight: 'w', maxDepth: 3 }))?.cost).toBe(3)
    expect(await graph.shortestPath(n(100), n(0), { weight: 'w', maxDepth: 5 })).toBeUndefined()
    await expect(
      graph.shortestPath(n(0), n(14), { weight: 'w', maxNodes: 2 }),
    ).rejects.toMatchObject({ code: 'GRAPH_LIMIT_EXCEEDED', limit: 'maxNodes' })
    await expect(
      graph.shortestPath(n(0), n(14), { weight: 'w', maxNodes: 3, maxDepth: 9 }),
    ).rejects.toMatchObject({ code: 'GRAPH_LIMIT_EXCEEDED', limit: 'maxNodes' })
    for (const weight of [undefined, 'w']) {
      const error = await graph
        .shortestPath(n(0), n(14), { signal: AbortSignal.abort('stop'), ...(weight && { weight }) })
        .catch((e: unknown) => e)
      expect(error).toBeInstanceOf(GraphError)
      expect(error).toMatchObject({ code: 'GRAPH_ABORTED', cause: 'stop' })
    }
  })

  it('neighborhood, mutual, toGraphology and view honour their bounds', async () => {
    const graph = ctx.graph()
    await tree(graph)
    expect(await graph.neighborhood(n(0), { depth: 2, maxNodes: 6 })).toHaveLength(6)
    await expect(graph.neighborhood(n(0), { depth: 2, maxNodes: 5 })).rejects.toMatchObject({
      code: 'GRAPH_LIMIT_EXCEEDED',
      limit: 'maxNodes',
    })
    await expect(
      graph.neighborhood(n(0), { depth: 2, signal: AbortSignal.abort() }),
    ).rejects.toMatchObject({ code: 'GRAPH_ABORTED' })
    await expect(graph.mutual(n(1), n(2), { signal: AbortSignal.abort() })).rejects.toMatchObject({
      code: 'GRAPH_ABORTED',
    })
    await expect(graph.toGraphology({ maxNodes: 16 })).rejects.toMatchObject({
      code: 'GRAPH_LIMIT_EXCEEDED',
      limit: 'maxNodes',
    })
    await expect(graph.toGraphology({ maxEdges: 14 })).rejects.toMatchObject({
      code: 'GRAPH_LIMIT_EXCEEDED',
      limit: 'maxEdges',
    })
    expect((await graph.toGraphology({ maxNodes: 17, maxEdges: 15 })).size).toBe(15)
    await expect(graph.toGraphology({ start: n(0), maxNodes: 3 })).rejects.toMatchObject({
      limit: 'maxNodes',
    })
    await expect(graph.toGraphology({ start: n(0), maxEdges: 3 })).rejects.toMatchObject({
      limit: 'maxEdges',
    })
    expect((await graph.toGraphology({ start: n(0), maxDepth: 1 })).size).toBe(2)
    await expect(graph.toGraphology({ signal: AbortSignal.abort() })).rejects.toMatchObject({
      code: 'GRAPH_ABORTED',
    })
    const byEdges = await graph.view({ node: n(0), depth: 3, maxEdges: 4 })
    expect(byEdges).toMatchObject({ truncated: true })
    expect(byEdges.edges).toHaveLength(4)
    const byNodes = await graph.view({ node: n(0), depth: 3, maxNodes: 3 })
    expect(byNodes.truncated).toBe(true)
    expect(byNodes.nodes.map((node) => node.id)).toEqual(['0', '1', '2'])
    expect(byNodes.edges).toHaveLength(2)
    const wholeByNodes = await graph.view({ maxNodes: 2 })
    expect(wholeByNodes.truncated).toBe(true)
    expect(wholeByNodes.nodes).toHaveLength(2)
    expect((await graph.view({ node: n(0), depth: 3 })).truncated).toBe(false)
    await expect(graph.view({ node: n(0), signal: AbortSignal.abort() })).rejects.toMatchObject({
      code: 'GRAPH_ABORTED',
    })
  })
})
