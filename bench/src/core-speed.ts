// The core part of the suite alone (kept for its old command line).
// Usage: npx tsx --expose-gc bench/src/core-speed.ts [--n 1000000]
import { parseArgs } from 'node:util'
import { runSuite } from './suite/run-suite.js'

const { values } = parseArgs({ options: { n: { type: 'string', default: '1000000' } } })
process.stdout.write(`${await runSuite({ scale: 'full', only: 'core', keys: Number(values.n) })}\n`)
