import { spawn } from 'node:child_process'
import { randomBytes } from 'node:crypto'
import { fileURLToPath } from 'node:url'
import { openStore } from '@kvgraph/core'
import { expect, inject, it } from 'vitest'
import type { RecordedOp } from './linearizability/cas-client.js'
import { type HistoryOp, isLinearizable } from './linearizability/register-checker.js'

const ROOT = fileURLToPath(new URL('../', import.meta.url))
const CLIENT = fileURLToPath(new URL('./linearizability/cas-client.ts', import.meta.url))
const CLIENTS = 4
const ROUNDS = 36
const KEYS = 3

function runClient(env: Record<string, string>): Promise<RecordedOp[]> {
  return new Promise((resolve, reject) => {
    const child = spawn(process.execPath, ['--import', 'tsx', CLIENT], {
      cwd: ROOT,
      env: { ...process.env, ...env },
      stdio: ['ignore', 'pipe', 'pipe'],
    })
    let out = ''
    let err = ''
    child.stdout.on('data', (chunk) => {
      out += chunk
    })
    child.stderr.on('data', (chunk) => {
      err += chunk
    })
    child.on('close', (code) =>
      code === 0 ? resolve(JSON.parse(out)) : reject(new Error(`client exited ${code}: ${err}`)),
    )
  })
}

it(`compare-and-set on PostgreSQL is linearizable: ${CLIENTS} processes, ${ROUNDS * KEYS} histories`, async () => {
  const url = new URL(inject('postgresUrl'))
  url.searchParams.set('table', `t_lin_${randomBytes(4).toString('hex')}`)
  // Created here, so the clients do not race to create the table.
  const store = await openStore(url.toString())
  const startAt = Date.now() + 3000
  const histories = await Promise.all(
    Array.from({ length: CLIENTS }, (_, client) =>
      runClient({
        LIN_URL: url.toString(),
        LIN_CLIENT: String(client),
        LIN_ROUNDS: String(ROUNDS),
        LIN_KEYS: String(KEYS),
        LIN_OPS: '6',
        LIN_ROUND_MS: '80',
        LIN_START_AT: String(startAt),
        LIN_SEED: String(Date.now() % 10_000),
      }),
    ),
  )
  const byKey = new Map<string, HistoryOp[]>()
  for (const op of histories.flat()) {
    const { key, complete, ...rest } = op
    const list = byKey.get(key) ?? []
    list.push({ ...rest, complete: complete ?? Number.POSITIVE_INFINITY } as HistoryOp)
    byKey.set(key, list)
  }
  let ops = 0
  let concurrent = 0
  const violations: string[] = []
  for (const [key, history] of byKey) {
    ops += history.length
    if (new Set(history.map((op) => op.process)).size > 1) concurrent++
    if (!isLinearizable(history)) violations.push(`${key}: ${JSON.stringify(history)}`)
  }
  const cas = histories.flat().filter((op) => op.kind === 'cas')
  console.log(
    `linearizability: ${byKey.size} histories (${concurrent} with several processes), ${ops} operations, ` +
      `${cas.length} compare-and-sets (${cas.filter((op) => op.ok).length} succeeded), ${violations.length} violations`,
  )
  expect(violations).toEqual([])
  expect(byKey.size).toBeGreaterThanOrEqual(100)
  expect(concurrent).toBeGreaterThanOrEqual(90)
  await store.close()
})
