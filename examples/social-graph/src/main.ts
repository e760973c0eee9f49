// `npm start`: the social network example on an embedded LevelDB under ./data/social, or on
// PostgreSQL with `npm start -- --db postgres://user:password@host:5432/db?table=social`.

import { parseArgs } from 'node:util'
import { runSocialGraph } from './app.js'
import { isPostgresUrl, maskPassword } from './database.js'
import { writeDiagrams } from './diagrams.js'
import { FULL_SIZE } from './generate.js'
import { mermaidCli } from './mermaid-svg.js'
import { dataDir, diagramsDir } from './paths.js'
import { report } from './report.js'

const { values } = parseArgs({ options: { db: { type: 'string' } } })
const db = values.db ?? dataDir

const started = performance.now()
const answers = await runSocialGraph({ db, size: FULL_SIZE })
console.log(report(answers))

const cli = mermaidCli()
if ('missing' in cli) console.log(`\nMermaid diagrams stay as .mmd text: ${cli.missing}.`)
const written = await writeDiagrams(diagramsDir, { mermaidSvg: !('missing' in cli) })
console.log(`\nDiagrams written to docs/diagrams/: ${written.join(', ')}`)
const where = values.db === undefined ? 'data/social' : isPostgresUrl(db) ? maskPassword(db) : db
console.log(
  `Done in ${((performance.now() - started) / 1000).toFixed(1)} s; the database is in ${where}.`,
)
