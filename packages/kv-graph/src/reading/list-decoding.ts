import type { PrefixGroup } from '@kvgraph/core'
import { RepeatedComponent } from '../repeated-component.js'
import type { Props } from '../types.js'
import type { Family, ListBuilder } from './adjacency.js'
import type { Interner } from './interner.js'

/** Edge type ids by run of equal type components: -1 for types the filter leaves out. */
export function typeRun(
  types: Interner,
  filter: ReadonlySet<string> | undefined,
): RepeatedComponent<number> {
  return new RepeatedComponent((type) => (filter && !filter.has(type) ? -1 : types.id(type)), -1)
}

/**
 * Appends the edges of one prefix group (a node's keys of one family, or of one typed prefix
 * when `typeComponent` is given) to a list.
 */
export function appendGroup(
  list: ListBuilder,
  group: PrefixGroup | undefined,
  family: Family,
  nodes: Interner,
  types: Interner,
  filter: ReadonlySet<string> | undefined,
  typeComponent?: string,
): void {
  if (!group || group.keys.length === 0) return
  const start = group.prefix.length
  const typed = typeComponent !== undefined
  const typeId = typed ? types.id(typeComponent) : -1
  const flags = typeof list.reversed === 'boolean' ? undefined : list.reversed
  const keys = group.keys
  // Keys of one node come grouped by type.
  const edgeType = typed ? undefined : typeRun(types, filter)
  for (let i = 0; i < keys.length; i++) {
    const key = keys[i]!
    let type = typeId
    let otherStart = start
    if (edgeType) {
      otherStart = edgeType.endIn(key, start)
      type = edgeType.value
      if (type < 0) continue
    }
    list.types.push(type)
    list.nodes.push(nodes.idIn(key, otherStart, key.length))
    if (flags) flags.push(family === 'in')
    if (list.props) list.props.push(group.records[i]!.value as Props)
  }
}
