import type { Store } from '@kvgraph/core'
import type { Graph } from '@kvgraph/graph'
import type { CallOutcome } from './bounded.js'
import type { FailoverFollowers } from './followers.js'
import { hubOf, itemOf, type LoadOp, mutateKeys } from './load.js'

/** What a failover cycle found. With a synchronous standby, `problems` and `lost` stay empty. */
export interface FailoverReport {
  /** Faults: half-applied writes, untyped errors, hung calls, a gap, a missed event... */
  problems: string[]
  /** Acknowledged writes missing on the new primary (expected only with an async standby). */
  lost: string[]
  /** Calls by outcome. */
  outcomes: Record<CallOutcome, number>
  /** `outcome: 'unknown'` writes found applied on the new primary (the rest are absent). */
  unknownApplied: number
}

export interface CheckInput {
  /** The store the load wrote through (now on the new primary). */
  store: Store
  /** A graph that held the hub's adjacency across the failover (on the listener's store). */
  heldGraph: Graph
  prefix: string
  ops: readonly LoadOp[]
  followers: FailoverFollowers
  /** The stream's last seq before the load began: the stream is checked for gaps after it. */
  streamStart: number
  /** A key put after the failover: the watcher must hear it. */
  afterKey: string
  synchronous: boolean
  /** How long the followers may take to catch up (default 15 s). */
  catchUpMs?: number
}

/**
 * Reads the new primary and compares it with what the load was told: every acknowledged write
 * present (at its version), every 'not-applied' write absent, every 'unknown' one whole or
 * absent, edges with both halves or none, a gap-free stream, and followers that caught up.
 */
export async function checkFailover(input: CheckInput): Promise<FailoverReport> {
  const { store, ops, followers } = input
  const problems: string[] = []
  const lost: string[] = []
  const outcomes: Record<CallOutcome, number> = {
    acked: 0,
    'not-applied': 0,
    unknown: 0,
    untyped: 0,
    other: 0,
    hung: 0,
  }
  let unknownApplied = 0
  for (const op of ops) outcomes[op.outcome]++
  for (const bad of ['untyped', 'other', 'hung'] as const) {
    if (outcomes[bad] > 0) problems.push(`${outcomes[bad]} calls ended ${bad}`)
  }
  const present = await presence(input)
  const ackedPuts = new Set<string>()
  for (const op of ops) {
    const found = present.get(op)!
    if (found === 'half') problems.push(`${op.kind} ${op.id} is half-applied`)
    else if (op.outcome === 'acked') {
      if (found === 'absent') lost.push(`${op.kind} ${op.id}`)
      else if (op.kind === 'put') ackedPuts.add(op.id)
    } else if (op.outcome === 'not-applied' && found !== 'absent') {
      problems.push(`${op.kind} ${op.id} was reported not-applied but is stored`)
    } else if (op.outcome === 'unknown' && found === 'whole') unknownApplied++
  }
  if (input.synchronous) for (const write of lost) problems.push(`acknowledged ${write} was lost`)

  problems.push(...(await streamGaps(store, input.streamStart)))
  const catchUp = input.catchUpMs ?? 15_000
  const missing = (seen: Set<string>) => [...ackedPuts].filter((key) => !seen.has(key))
  if (!(await followers.until(() => missing(followers.consumed).length === 0, catchUp))) {
    problems.push(`the consumer missed ${missing(followers.consumed).length} acknowledged puts`)
  }
  if (!(await followers.until(() => missing(followers.heard).length === 0, catchUp))) {
    problems.push(
      `the onCommit listener missed ${missing(followers.heard).length} acknowledged puts`,
    )
  }
  if (!(await followers.until(() => followers.watchedKeys.has(input.afterKey), catchUp))) {
    problems.push(`the watcher did not hear ${input.afterKey}, put after the failover`)
  }
  if (followers.watchError !== undefined) {
    problems.push(`watch() ended with ${String(followers.watchError)}`)
  }
  const seqs = followers.watchedSeqs
  // With an async standby the lost writes' seqs are given again on the new primary: only a
  // synchronous failover promises exactly-once delivery across it.
  if (input.synchronous && seqs.some((seq, i) => i > 0 && seq <= seqs[i - 1]!)) {
    problems.push('the watcher was given a seq twice or out of order')
  }
  const lease = (await store.consumer(`${input.prefix}-consumer`).status()).lease
  if (lease?.owner !== followers.consumerOwner) problems.push('the consumer lost its lease')
  problems.push(...(await heldAdjacency(input, present)))
  return { problems, lost, outcomes, unknownApplied }
}

type Presence = 'whole' | 'absent' | 'half'

/** Whether each write of the load is on the server, whole, absent, or in part. */
async function presence(input: CheckInput): Promise<Map<LoadOp, Presence>> {
  const { store, ops, prefix } = input
  const graph = input.heldGraph
  const found = new Map<LoadOp, Presence>()
  const puts = ops.filter((op) => op.kind === 'put')
  const records = await store.getMany(puts.map((op) => op.id))
  puts.forEach((op, i) => {
    const record = records[i]
    const wrongVersion = op.version !== undefined && record && record.version !== op.version
    found.set(op, record === undefined ? 'absent' : wrongVersion ? 'half' : 'whole')
  })
  for (const op of ops.filter((o) => o.kind === 'mutate')) {
    const both = await store.getMany(mutateKeys(op.id))
    const n = both.filter((record) => record !== undefined).length
    found.set(op, n === 0 ? 'absent' : n === 2 ? 'whole' : 'half')
  }
  for (const op of ops.filter((o) => o.kind === 'edge')) {
    const out = (await graph.getEdge(hubOf(prefix), 'links', itemOf(op.id))) !== undefined
    const into = (await graph.incoming(itemOf(op.id))).edges.length > 0
    found.set(op, out && into ? 'whole' : !out && !into ? 'absent' : 'half')
  }
  return found
}

/** Seqs after `start` that the stream skips (it must count up by one). */
async function streamGaps(store: Store, start: number): Promise<string[]> {
  const last = await store.streamSeq()
  let expected = start + 1
  while (expected <= last) {
    const entries = await store.stream({ from: expected, limit: 1000 })
    if (entries.length === 0) break
    for (const entry of entries) {
      if (entry.seq !== expected)
        return [`the stream skips from seq ${expected - 1} to ${entry.seq}`]
      expected++
    }
  }
  return expected === last + 1 ? [] : [`the stream ends at seq ${expected - 1}, not ${last}`]
}

/** The held graph's hub reaches exactly the edges stored (its adjacency caught up). */
async function heldAdjacency(input: CheckInput, present: Map<LoadOp, Presence>): Promise<string[]> {
  const stored = new Set(
    input.ops.filter((op) => op.kind === 'edge' && present.get(op) === 'whole').map((op) => op.id),
  )
  const reached = new Set<string>()
  for await (const step of input.heldGraph.bfs(hubOf(input.prefix), { maxDepth: 1 })) {
    if (step.depth === 1) reached.add(step.node.id)
  }
  const missed = [...stored].filter((id) => !reached.has(id)).length
  const extra = [...reached].filter((id) => !stored.has(id)).length
  return missed + extra === 0
    ? []
    : [`the held adjacency missed ${missed} stored edges and showed ${extra} that are not stored`]
}
