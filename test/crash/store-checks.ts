import { isDeepStrictEqual } from 'node:util'
import type { JsonValue } from '@kvgraph/core'
import type { Handles } from './observe.js'
import type { Violations } from './report.js'

const TERMINATOR = '\0\0'

/** The in key of an out key (`g/o/` from type, from id, edge type, to type, to id). */
function inKeyOf(outKey: string): string | undefined {
  const parts = outKey.slice('g/o/'.length).split(TERMINATOR)
  if (parts.length !== 6 || parts[5] !== '') return undefined
  const [fromType, fromId, type, toType, toId] = parts
  return `g/i/${[toType, toId, type, fromType, fromId].join(TERMINATOR)}${TERMINATOR}`
}

async function recordsUnder(h: Handles, prefix: string): Promise<Map<string, JsonValue>> {
  const found = new Map<string, JsonValue>()
  for await (const record of h.store.entries({ prefix })) found.set(record.key, record.value)
  return found
}

/** Each edge's out and in keys agree: both present, same value. */
export async function checkHalfEdges(h: Handles, violations: Violations): Promise<void> {
  const outs = await recordsUnder(h, 'g/o/')
  const ins = await recordsUnder(h, 'g/i/')
  for (const [outKey, value] of outs) {
    const inKey = inKeyOf(outKey)
    if (inKey === undefined || !ins.has(inKey))
      violations.add('halfEdges', `no in key for ${JSON.stringify(outKey)}`)
    else if (!isDeepStrictEqual(ins.get(inKey), value))
      violations.add('halfEdges', `out and in keys disagree for ${JSON.stringify(outKey)}`)
    if (inKey !== undefined) ins.delete(inKey)
  }
  for (const inKey of ins.keys())
    violations.add('halfEdges', `no out key for ${JSON.stringify(inKey)}`)
}

/** The graph holds exactly the edges the acknowledgements say (none the load never wrote). */
export async function checkEdgeSet(
  h: Handles,
  expected: Set<string>,
  violations: Violations,
): Promise<void> {
  const actual = new Set<string>()
  for await (const edge of h.graph.allEdges())
    actual.add(JSON.stringify([edge.from.id, edge.type, edge.to.id]))
  for (const edge of actual) if (!expected.has(edge)) violations.add('phantoms', `edge ${edge}`)
  for (const edge of expected) if (!actual.has(edge)) violations.add('lost', `edge ${edge}`)
}

/** Counts equal a recount: the store's record count and the graph's counts. */
export async function checkCounts(h: Handles, violations: Violations): Promise<number> {
  const all = await recordsUnder(h, '')
  const count = await h.store.count()
  if (count !== all.size) violations.add('countMismatches', `count() ${count}, recount ${all.size}`)
  let nodeRecords = 0
  let edges = 0
  for (const key of all.keys()) {
    if (key.startsWith('g/n/')) nodeRecords++
    else if (key.startsWith('g/o/')) edges++
  }
  const counts = await h.graph.counts()
  if (counts.nodeRecords !== nodeRecords || counts.edges !== edges)
    violations.add(
      'countMismatches',
      `graph.counts() ${JSON.stringify(counts)}, recount ${nodeRecords} nodes ${edges} edges`,
    )
  return all.size
}

/** Consumer positions never ahead of the stream's head. */
export async function checkConsumers(
  h: Handles,
  workers: number,
  violations: Violations,
): Promise<void> {
  const head = await h.store.streamSeq()
  for (let w = 0; w < workers; w++) {
    const { position } = await h.store.consumer(`c${w}`, { leaseMs: 1 }).status()
    if (position > head) violations.add('consumersAhead', `c${w} at ${position}, head ${head}`)
  }
}

/** The type index equals a recomputation: `getType` lists exactly the records of that type. */
export async function checkTypeIndex(
  h: Handles,
  type: string,
  violations: Violations,
): Promise<void> {
  const recomputed: string[] = []
  for await (const r of h.store.entries({ prefix: '' })) if (r.type === type) recomputed.push(r.key)
  const indexed: string[] = []
  let cursor: string | undefined
  do {
    const page = await h.store.getType(type, { limit: 500, ...(cursor ? { cursor } : {}) })
    indexed.push(...page.records.map((r) => r.key))
    cursor = page.cursor
  } while (cursor !== undefined)
  if (!isDeepStrictEqual(indexed.sort(), recomputed.sort()))
    violations.add(
      'indexMismatches',
      `getType(${type}) ${indexed.length} keys, recount ${recomputed.length}`,
    )
}
