import type { EdgeDirection, NodeRef } from '@kvgraph/graph'
import { type Command, Option } from 'commander'
import { collect } from '../io/parse.js'

export const DIRECTIONS: readonly EdgeDirection[] = ['out', 'in', 'both']

export function node(type: string, id: string): NodeRef {
  return { type, id }
}

export function directionOption(fallback: EdgeDirection): Option {
  return new Option('--direction <direction>', 'edges to follow')
    .choices(DIRECTIONS)
    .default(fallback)
}

/** Adds the repeatable `--edge-types <types>` option (comma-separated or repeated). */
export function withEdgeTypes(command: Command): Command {
  return command.option(
    '--edge-types <types>',
    'follow only these edge types (comma-separated, repeatable)',
    collect,
  )
}
