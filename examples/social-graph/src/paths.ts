import { fileURLToPath } from 'node:url'

/** The repository root: data and diagrams live there whatever directory npm runs us from. */
export const repoRoot = fileURLToPath(new URL('../../../', import.meta.url))
export const dataDir = `${repoRoot}data/social`
export const diagramsDir = `${repoRoot}docs/diagrams`
