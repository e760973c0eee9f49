import { setTimeout as sleep } from 'node:timers/promises'
import { KvError } from '@kvgraph/core'
import { afterAll, beforeAll, describe, expect, it } from 'vitest'
import { type ReplicatedCluster, startReplicatedCluster } from '../../../scripts/pg-replicated.mjs'
import { PostgresEngine } from '../src/index.js'

// What a call learns when its primary goes: a transaction cut after COMMIT was sent is
// `unknown` and never retried; without a primary, calls wait primaryWaitMs and then fail
// `not-applied`; a write that reaches a standby finds the primary. Its own cluster.
describe('failover outcomes', () => {
  let cluster: ReplicatedCluster
  const opened: PostgresEngine[] = []
  const open = async (url: string, primaryWaitMs?: number) => {
    const engine = await PostgresEngine.open(url, {
      table: 'outcome',
      connectTimeoutMs: 2000,
      ...(primaryWaitMs === undefined ? {} : { primaryWaitMs }),
    })
    opened.push(engine)
    return engine
  }

  beforeAll(async () => {
    cluster = await startReplicatedCluster({ synchronous: true, log: () => {} })
  })
  afterAll(async () => {
    await Promise.all(opened.map((engine) => engine.close()))
    cluster?.destroy()
  })

  it('connects to the primary whatever host comes first (target_session_attrs=any, standby first)', async () => {
    const [scheme] = cluster.primary().url.split('@') as [string]
    const hosts = `127.0.0.1:${cluster.standby().port},127.0.0.1:${cluster.primary().port}`
    const engine = await open(`${scheme}@${hosts}/postgres?target_session_attrs=any`)
    for (let i = 0; i < 5; i++) await engine.transact((txn) => txn.put(`ro/${i}`, 'v'))
    expect(await engine.getMany(['ro/0', 'ro/4'])).toEqual(['v', 'v'])
    expect(await engine.info()).toMatchObject({
      host: `127.0.0.1:${cluster.primary().port}`,
      role: 'primary',
    })
  })

  it('a standby alone is "no primary": KV_UNAVAILABLE, not a raw driver error', async () => {
    // The table exists there (replicated), so the engine opens; its first write finds no primary.
    const engine = await open(cluster.standby().url, 300)
    expect(await engine.get('ro/0')).toBe('v')
    await expect(engine.transact((txn) => txn.put('x', 'y'))).rejects.toMatchObject({
      code: 'KV_UNAVAILABLE',
      outcome: 'not-applied',
      message: expect.stringMatching(/is unavailable: .*(recovery|hot standby|read-only)/),
    })
  })

  it('rejects target_session_attrs the store cannot write through', async () => {
    await expect(
      PostgresEngine.open(`${cluster.url.split('?')[0]}?target_session_attrs=standby`),
    ).rejects.toMatchObject({
      code: 'KV_INVALID_ARGUMENT',
      message: expect.stringContaining('target_session_attrs=standby'),
    })
  })

  it('a commit cut off by a crash is unknown and not retried; calls without a primary wait primaryWaitMs, then fail not-applied', async () => {
    const engine = await open(cluster.primary().url, 600)
    await engine.transact((txn) => txn.put('before', '1'))
    // Without its synchronous standby the primary holds every COMMIT until one attaches.
    cluster.stopStandby()
    let runs = 0
    const waiting = engine.transact((txn) => {
      runs++
      txn.put('cut', '1')
    })
    waiting.catch(() => {})
    await sleep(500)
    cluster.crashPrimary()
    const cut = await waiting.then(
      () => undefined,
      (error: unknown) => error,
    )
    expect(cut).toBeInstanceOf(KvError)
    expect(cut).toMatchObject({ code: 'KV_UNAVAILABLE', outcome: 'unknown' })
    expect((cut as Error).message).toContain('outcome unknown')
    expect(runs).toBe(1)

    const started = Date.now()
    const failed = await engine.transact((txn) => txn.put('later', '1')).catch((e: unknown) => e)
    const waited = Date.now() - started
    expect(failed).toMatchObject({ code: 'KV_UNAVAILABLE', outcome: 'not-applied' })
    expect(waited).toBeGreaterThanOrEqual(550)
    expect(waited).toBeLessThan(5000)
    const read = await engine.get('before').catch((e: unknown) => e)
    expect(read).toMatchObject({ code: 'KV_UNAVAILABLE', outcome: 'not-applied' })
  })
})
