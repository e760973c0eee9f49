// The social graph over kvgraph: people are nodes of type Person, follows are edges.
import { openStore } from '@kvgraph/core'
import { Graph } from '@kvgraph/graph'
import { toMermaid } from '@kvgraph/graph/render'

const person = (id: string) => ({ type: 'Person', id })

export interface Social {
  people(): Promise<string[]>
  addPerson(name: string): Promise<void>
  follow(from: string, to: string): Promise<void>
  followers(name: string): Promise<string[]>
  path(from: string, to: string): Promise<string[] | undefined>
  mermaid(): Promise<string>
}

/** Opens the graph in IndexedDB (database `name`); this tab owns it until it closes. */
export async function openSocial(name: string): Promise<Social> {
  const graph = new Graph(await openStore(name))
  return {
    async people() {
      const ids: string[] = []
      for await (const node of graph.nodes()) ids.push(node.id)
      return ids
    },
    async addPerson(name) {
      await graph.putNode(person(name))
    },
    async follow(from, to) {
      await graph.addEdge(person(from), 'follows', person(to))
    },
    async followers(name) {
      const page = await graph.incoming(person(name))
      return page.edges.map((edge) => edge.from.id)
    },
    async path(from, to) {
      const found = await graph.shortestPath(person(from), person(to))
      return found?.nodes.map((node) => node.id)
    },
    async mermaid() {
      return toMermaid(await graph.view())
    },
  }
}
