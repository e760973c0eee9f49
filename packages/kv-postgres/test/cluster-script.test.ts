import { spawn } from 'node:child_process'
import { once } from 'node:events'
import { existsSync } from 'node:fs'
import { createInterface } from 'node:readline'
import { fileURLToPath } from 'node:url'
import postgres from 'postgres'
import { describe, expect, it } from 'vitest'

const script = fileURLToPath(new URL('../../../scripts/pg-cluster.mjs', import.meta.url))

describe('scripts/pg-cluster.mjs from the shell', () => {
  it('prints the URL of a running server, and removes it on SIGTERM', async () => {
    const child = spawn(process.execPath, [script], { stdio: ['ignore', 'pipe', 'inherit'] })
    const exited = once(child, 'exit')
    try {
      const [url] = (await once(createInterface({ input: child.stdout }), 'line')) as [string]
      expect(url).toMatch(/^postgres:\/\/postgres:[0-9a-f]+@127\.0\.0\.1:\d+\/postgres$/)
      const sql = postgres(url, { max: 1, onnotice: () => {} })
      const [settings] = await sql`SELECT current_setting('fsync') AS fsync,
        current_setting('synchronous_commit') AS sync, current_setting('data_directory') AS dir`
      await sql.end()
      expect(settings).toMatchObject({ fsync: 'off', sync: 'on' })
      child.kill('SIGTERM')
      expect(await exited).toEqual([0, null])
      expect(existsSync(settings!.dir as string)).toBe(false)
    } finally {
      if (child.exitCode === null) child.kill('SIGKILL')
    }
  })
})
