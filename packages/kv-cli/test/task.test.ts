import { writeFile } from 'node:fs/promises'
import { join } from 'node:path'
import { beforeAll, describe, expect, it } from 'vitest'
import { ensureBuilt, jsonLines, kv, tempDb, tempDir } from './helpers/cli.js'

beforeAll(ensureBuilt)

interface TaskLine {
  id: string
  name: string
  payload: unknown
  status: string
  priority: number
  runAt: string
  attempts: number
  result?: unknown
  lastError?: { message: string }
}

describe('kv task', () => {
  it('new, list, get, cancel, retry', async () => {
    const db = await tempDb()
    const a = await kv(['task', 'new', 'send-email', '--db', db], { input: '{"to":"a@b.c"}' })
    expect(a.code).toBe(0)
    const first = JSON.parse(a.stdout) as TaskLine
    expect(first).toMatchObject({
      id: '1',
      name: 'send-email',
      payload: { to: 'a@b.c' },
      status: 'pending',
    })
    const b = await kv([
      'task',
      'new',
      'report',
      '--payload',
      '[1]',
      '--priority',
      '7',
      '--delay',
      '10m',
      '--max-attempts',
      '2',
      '--key',
      'r',
      '--db',
      db,
    ])
    const second = JSON.parse(b.stdout) as TaskLine
    expect(second).toMatchObject({ priority: 7, maxAttempts: 2, key: 'r' })
    expect(Date.parse(second.runAt) - Date.now()).toBeGreaterThan(9 * 60_000)
    const dup = await kv(['task', 'new', 'report', '--payload', '[2]', '--key', 'r', '--db', db])
    expect((JSON.parse(dup.stdout) as TaskLine).id).toBe(second.id)

    const list = await kv(['task', 'list', '--status', 'pending', '--name', 'report', '--db', db])
    expect((jsonLines(list.stdout) as TaskLine[]).map((t) => t.id)).toEqual([second.id])
    const page = await kv(['task', 'list', '--limit', '1', '--db', db])
    expect(jsonLines(page.stdout)).toHaveLength(1)
    expect(page.stderr).toMatch(/^cursor: /)

    const got = await kv(['task', 'get', '1', '--db', db])
    expect(JSON.parse(got.stdout)).toMatchObject({ id: '1', status: 'pending' })
    expect(JSON.parse((await kv(['task', 'cancel', '1', '--db', db])).stdout)).toEqual({
      id: '1',
      cancelled: true,
    })
    expect(JSON.parse((await kv(['task', 'cancel', '1', '--db', db])).stdout)).toEqual({
      id: '1',
      cancelled: false,
    })
    expect(JSON.parse((await kv(['task', 'retry', '1', '--db', db])).stdout)).toEqual({
      id: '1',
      retried: true,
    })

    const missing = await kv(['task', 'get', '99', '--db', db])
    expect(missing.code).toBe(1)
    expect(missing.stderr).toContain('(CLI_NOT_FOUND)')
    const badStatus = await kv(['task', 'list', '--status', 'done', '--db', db])
    expect(badStatus.code).toBe(2)
    const badJson = await kv(['task', 'new', 'x', '--payload', '{nope', '--db', db])
    expect(badJson.stderr).toContain('(CLI_INVALID_JSON)')
  })

  it('schedule validates the cron expression', async () => {
    const db = await tempDb()
    const ok = await kv([
      'task',
      'schedule',
      'nightly',
      '0 3 * * *',
      '--timezone',
      'Europe/Oslo',
      '--db',
      db,
    ])
    expect(ok.code).toBe(0)
    expect(JSON.parse(ok.stdout)).toMatchObject({
      name: 'nightly',
      cron: '0 3 * * *',
      timezone: 'Europe/Oslo',
    })
    const listed = await kv(['task', 'schedules', '--db', db])
    expect(jsonLines(listed.stdout)).toHaveLength(1)
    const bad = await kv(['task', 'schedule', 'x', '99 * * * *', '--db', db])
    expect(bad.code).toBe(1)
    expect(bad.stderr).toContain('(TASK_INVALID_CRON)')
    expect(JSON.parse((await kv(['task', 'unschedule', 'nightly', '--db', db])).stdout)).toEqual({
      name: 'nightly',
      removed: true,
    })
  })

  it('run: the built-in log handler and a handlers module, until idle', async () => {
    const db = await tempDb()
    const dir = await tempDir()
    const handlers = join(dir, 'handlers.mjs')
    await writeFile(
      handlers,
      `let calls = 0
export const double = async (payload) => payload * 2
export async function flaky(payload, ctx) {
  calls++
  if (ctx.attempt === 1) throw new Error('first attempt fails')
  return { attempt: ctx.attempt, calls }
}
`,
    )
    await kv(['task', 'new', 'log', '--payload', '{"hello":"world"}', '--db', db])
    await kv(['task', 'new', 'double', '--payload', '21', '--db', db])
    await kv(['task', 'new', 'flaky', '--payload', 'null', '--db', db])
    // A zero backoff is not settable from the CLI: the retry waits its jittered 0.5-1 s.
    const run = await kv([
      'task',
      'run',
      '--handlers',
      handlers,
      '--concurrency',
      '2',
      '--poll',
      '50ms',
      '--until-idle',
      '--runner-id',
      'cli-1',
      '--db',
      db,
    ])
    expect(run.code).toBe(0)
    const lines = jsonLines(run.stdout) as Record<string, unknown>[]
    expect(lines).toContainEqual({ log: { hello: 'world' }, id: '1', attempt: 1 })
    expect(
      lines
        .filter((l) => l.event === 'complete')
        .map((l) => l.id)
        .sort(),
    ).toEqual(['1', '2', '3'])
    expect(lines.filter((l) => l.event === 'retry').map((l) => l.id)).toEqual(['3'])
    const done = jsonLines(
      (await kv(['task', 'list', '--status', 'completed', '--db', db])).stdout,
    ) as TaskLine[]
    expect(done.map((t) => t.result)).toEqual([undefined, 42, { attempt: 2, calls: 2 }])
    expect(done[2]?.lastError?.message).toBe('first attempt fails')

    const broken = await kv(['task', 'run', '--handlers', join(dir, 'missing.mjs'), '--db', db])
    expect(broken.code).toBe(2)
  })
})
