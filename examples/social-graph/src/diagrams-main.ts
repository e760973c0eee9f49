// `npm run docs:diagrams`: regenerates every committed diagram under docs/diagrams/.
import { writeDiagrams } from './diagrams.js'
import { mermaidCli } from './mermaid-svg.js'
import { diagramsDir } from './paths.js'

const cli = mermaidCli()
if ('missing' in cli) {
  console.error(`kvgraph: cannot regenerate the Mermaid SVGs: ${cli.missing}`)
  process.exit(1)
}
const written = await writeDiagrams(diagramsDir, { mermaidSvg: true })
console.log(`wrote ${written.length} diagrams to docs/diagrams/: ${written.join(', ')}`)
