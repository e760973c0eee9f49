import { afterAll, beforeAll, describe, expect, it } from 'vitest'
import { type ReplicatedCluster, startReplicatedCluster } from '../../../scripts/pg-replicated.mjs'
import { ensureBuilt, kv } from './helpers/cli.js'

// `kv --db` (and KV_DB) with a multi-host URL: each run connects to whichever host is the
// primary now, and `kv info` says which, with its standbys. Its own primary and standby.
describe('kv on a primary and a standby', () => {
  let cluster: ReplicatedCluster
  beforeAll(async () => {
    ensureBuilt()
    cluster = await startReplicatedCluster({ log: () => {} })
  })
  afterAll(() => cluster?.destroy())

  it('writes through a multi-host URL before and after a failover; info shows the primary and its standby', async () => {
    const url = `${cluster.url}&table=cli_failover`
    const first = cluster.primary().port
    expect(await kv(['put', 'a', '--value', '1', '--db', url])).toMatchObject({ code: 0 })
    const before = JSON.parse((await kv(['info'], { env: { KV_DB: url } })).stdout)
    expect(before).toMatchObject({
      host: `127.0.0.1:${first}`,
      role: 'primary',
      replication: [expect.objectContaining({ state: 'streaming', syncState: 'sync' })],
      records: 1,
    })
    expect((await kv(['info', '--pretty', '--db', url])).stdout).toMatch(
      new RegExp(
        `host {5}127\\.0\\.0\\.1:${first} \\(primary\\)\nstandby {2}walreceiver.*: streaming, sync\n`,
      ),
    )
    expect(before.url).not.toContain(cluster.password)

    await cluster.failover()
    expect(await kv(['put', 'b', '--value', '2', '--db', url])).toMatchObject({ code: 0 })
    const after = JSON.parse((await kv(['info', '--db', url])).stdout)
    expect(after).toMatchObject({
      host: `127.0.0.1:${cluster.primary().port}`,
      role: 'primary',
      replication: [],
      records: 2,
    })
    expect(cluster.primary().port).not.toBe(first)
  })
})
