import { readFileSync } from 'node:fs'

let cached: string | undefined

/** The version of @kvgraph/cli, from its package.json. */
export function cliVersion(): string {
  cached ??= (
    JSON.parse(readFileSync(new URL('../package.json', import.meta.url), 'utf8')) as {
      version: string
    }
  ).version
  return cached
}
