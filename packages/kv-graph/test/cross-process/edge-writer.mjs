// Another process writing the graph: opens the store at argv[2] (a postgres:// URL with its
// ?table=) with the BUILT packages, then for each stdin line `add|remove <from> <to>` adds or
// removes the User edge `from -follows-> to` and prints `ok <line>` once it is acknowledged.
import { createInterface } from 'node:readline'
import { openStore } from '@kvgraph/core'
import { Graph } from '@kvgraph/graph'

const store = await openStore(process.argv[2])
const graph = new Graph(store, { namespace: process.argv[3] })
const user = (id) => ({ type: 'User', id })

createInterface({ input: process.stdin }).on('line', async (line) => {
  const [op, from, to] = line.split(' ')
  if (op === 'exit') {
    await store.close()
    process.exit(0)
  }
  if (op === 'add') await graph.addEdge(user(from), 'follows', user(to))
  else await graph.removeEdge(user(from), 'follows', user(to))
  process.stdout.write(`ok ${line}\n`)
})
process.stdout.write('ready\n')
