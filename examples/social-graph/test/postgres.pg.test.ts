import { randomBytes } from 'node:crypto'
import { mkdtempSync, rmSync } from 'node:fs'
import { tmpdir } from 'node:os'
import { join } from 'node:path'
import postgres from 'postgres'
import { afterAll, describe, expect, inject, it } from 'vitest'
import { runSocialGraph } from '../src/app.js'
import type { NetworkSize } from '../src/generate.js'

declare module 'vitest' {
  export interface ProvidedContext {
    postgresUrl: string
  }
}

// The example's whole job on PostgreSQL, at a small size: the same answers as on LevelDB.

const SIZE: NetworkSize = { users: 300, follows: 2500, postsPerUser: 1, likes: 400, seed: 11 }
const dir = mkdtempSync(join(tmpdir(), 'kv-social-pg-'))
const table = `social_${randomBytes(4).toString('hex')}`
const base = inject('postgresUrl')
const url = `${base}${base.includes('?') ? '&' : '?'}table=${table}`

afterAll(async () => {
  rmSync(dir, { recursive: true, force: true })
  const sql = postgres(base, { max: 1, onnotice: () => {} })
  try {
    await sql.unsafe(`DROP TABLE IF EXISTS "${table}"`)
    await sql.unsafe('DELETE FROM kvgraph_meta WHERE name = $1', [table])
  } finally {
    await sql.end()
  }
})

describe('the social-graph example on PostgreSQL', () => {
  it('answers every question as the LevelDB run does, and a second run starts afresh', async () => {
    const onLevel = await runSocialGraph({ db: join(dir, 'social'), size: SIZE })
    const onPostgres = await runSocialGraph({ db: url, size: SIZE })
    expect(onPostgres).toEqual(onLevel)
    expect(onPostgres.edgesLoaded).toBeGreaterThan(3000)
    expect(onPostgres.aliceFollows.length).toBeGreaterThan(0)
    // The table is emptied first: a rerun loads the same data once, not twice.
    const again = await runSocialGraph({ db: url, size: SIZE })
    expect(again).toEqual(onLevel)
  })
})
