import { expect, it } from 'vitest'
import { forEachEngine } from './helpers/engines.js'

forEachEngine((ctx) => {
  it('nodes(), allEdges() and counts() stream the whole graph in key order', async () => {
    const graph = ctx.graph()
    const a = { type: 'User', id: 'a\0/x' }
    const b = { type: 'User', id: 'b' }
    const post = { type: 'Post', id: '1' }
    await graph.putNode(b, { name: 'B' })
    await graph.putNode({ type: 'Tag', id: 'lonely' }, {})
    await graph.addEdge(a, 'follows', b, { since: 1 })
    await graph.addEdge(b, 'authored', post)
    await graph.addEdge(a, 'liked', post, { at: 'now' })

    const nodes = []
    for await (const node of graph.nodes()) nodes.push(node)
    expect(nodes).toEqual([
      { type: 'Post', id: '1', props: {}, hasRecord: false },
      { type: 'Tag', id: 'lonely', props: {}, hasRecord: true },
      { type: 'User', id: 'a\0/x', props: {}, hasRecord: false },
      { type: 'User', id: 'b', props: { name: 'B' }, hasRecord: true },
    ])
    const edges = []
    for await (const edge of graph.allEdges())
      edges.push(`${edge.from.id} ${edge.type} ${edge.to.id} ${JSON.stringify(edge.props)}`)
    expect(edges).toEqual([
      'a\0/x follows b {"since":1}',
      'a\0/x liked 1 {"at":"now"}',
      'b authored 1 {}',
    ])
    expect(await graph.counts()).toEqual({ nodeRecords: 2, edges: 3 })
  })
})
