/**
 * The graph part of the suite alone (kept for its old command line, used in GRAPH.md):
 *
 *   npx tsx --expose-gc bench/src/graph-speed.ts [--nodes 100000 --edges 1000000 --seed 42]
 */
import { parseArgs } from 'node:util'
import { runSuite } from './suite/run-suite.js'

const { values } = parseArgs({
  options: {
    nodes: { type: 'string', default: '100000' },
    edges: { type: 'string', default: '1000000' },
    seed: { type: 'string', default: '42' },
  },
})
const report = await runSuite({
  scale: 'full',
  only: 'graph',
  nodes: Number(values.nodes),
  edges: Number(values.edges),
  seed: Number(values.seed),
})
process.stdout.write(`${report}\n`)
