/**
 * One client process of the linearizability test, run with `node --import tsx`: opens the store
 * at LIN_URL and, for each round, waits for the round's start time (shared by all clients, so
 * they overlap), then runs random reads, writes and compare-and-sets on the round's keys. Prints
 * its history as one JSON line: invoke and complete are CLOCK_MONOTONIC microseconds, the same
 * clock in every process.
 */
import { openStore } from '@kvgraph/core'
import { seededRandom } from '@kvgraph/core/random'
import type { RegisterOp } from './register-checker.js'

const env = process.env
const client = Number(env.LIN_CLIENT)
const rounds = Number(env.LIN_ROUNDS)
const keys = Number(env.LIN_KEYS)
const opsPerRound = Number(env.LIN_OPS)
const roundMs = Number(env.LIN_ROUND_MS)
const startAt = Number(env.LIN_START_AT)
const random = seededRandom(Number(env.LIN_SEED) * 10 + client)
const store = await openStore(env.LIN_URL!)
const now = () => Number(process.hrtime.bigint() / 1000n)
/** As recorded: `complete` null when the outcome is unknown (JSON has no Infinity). */
export type RecordedOp = RegisterOp & {
  key: string
  process: number
  invoke: number
  complete: number | null
}
const history: RecordedOp[] = []

/** Runs one operation and records it; an error of unknown outcome leaves `complete` null. */
async function record(key: string, roll: number, value: string, seen: Map<string, number>) {
  const invoke = now()
  const done = (op: RegisterOp) =>
    history.push({ ...op, key, process: client, invoke, complete: now() })
  let op: RegisterOp
  if (roll < 0.3) op = { kind: 'read', result: { version: 0, value: null } }
  else if (roll < 0.8) {
    // Mostly the version last seen (a real CAS loop), sometimes a stale one.
    const expected = Math.max(0, (seen.get(key) ?? 0) - (random() < 0.2 ? 1 : 0))
    op = { kind: 'cas', expected, value }
  } else op = { kind: 'write', value }
  try {
    if (op.kind === 'read') {
      const found = await store.get<string>(key)
      seen.set(key, found?.version ?? 0)
      done({ kind: 'read', result: { version: found?.version ?? 0, value: found?.value ?? null } })
    } else if (op.kind === 'cas') {
      try {
        seen.set(key, (await store.put(key, value, { version: op.expected })).version)
        done({ ...op, ok: true })
      } catch (error) {
        if ((error as { code?: string }).code !== 'KV_VERSION_CONFLICT') throw error
        done({ ...op, ok: false })
      }
    } else {
      const written = await store.put(key, value)
      seen.set(key, written.version)
      done({ ...op, version: written.version })
    }
  } catch {
    // Outcome unknown (the server went away, a conflict after retries): it may have applied.
    if (op.kind !== 'read') history.push({ ...op, key, process: client, invoke, complete: null })
  }
}

for (let round = 0; round < rounds; round++) {
  const wait = startAt + round * roundMs - Date.now()
  if (wait > 0) await new Promise((resolve) => setTimeout(resolve, wait))
  const seen = new Map<string, number>()
  for (let i = 0; i < opsPerRound; i++) {
    const key = `r${round}/k${Math.floor(random() * keys)}`
    await record(key, random(), `c${client}-${round}-${i}`, seen)
  }
}
await store.close()
process.stdout.write(`${JSON.stringify(history)}\n`)
