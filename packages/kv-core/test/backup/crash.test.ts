// SIGKILL during a restore: the half-restored store refuses to open (KV_RESTORE_INCOMPLETE)
// until a restore into it completes.
import { spawn } from 'node:child_process'
import { mkdtempSync, rmSync } from 'node:fs'
import { tmpdir } from 'node:os'
import { join } from 'node:path'
import { fileURLToPath } from 'node:url'
import { type KvError, openStore } from '@kvgraph/core'
import { afterAll, describe, expect, it } from 'vitest'

const CHILD = fileURLToPath(new URL('./crash/restore-child.ts', import.meta.url))
const dir = mkdtempSync(join(tmpdir(), 'kv-crash-'))
afterAll(() => rmSync(dir, { recursive: true, force: true }))

/** Runs the child until it prints `midway`, then SIGKILLs it. */
function killMidway(env: Record<string, string>): Promise<void> {
  return new Promise((resolve, reject) => {
    const child = spawn(process.execPath, ['--import', 'tsx', CHILD], {
      env: { ...process.env, ...env },
      stdio: ['ignore', 'pipe', 'pipe'],
    })
    let stderr = ''
    child.stderr.on('data', (chunk) => {
      stderr += chunk
    })
    child.stdout.on('data', (chunk: Buffer) => {
      // A moment for the load already handed to LevelDB's thread to reach its log, then kill.
      if (chunk.toString().includes('midway')) setTimeout(() => child.kill('SIGKILL'), 500)
    })
    child.on('exit', (code, signal) =>
      signal === 'SIGKILL' ? resolve() : reject(new Error(`child exited ${code}: ${stderr}`)),
    )
  })
}

describe('a restore killed midway', () => {
  it('leaves a store that refuses to open until a second restore completes', async () => {
    const source = await openStore(':memory:')
    for (let i = 0; i < 10; i++) {
      await source.mutate(
        Array.from({ length: 1000 }, (_, j) => ({
          op: 'put' as const,
          key: `k/${i}/${j}`,
          value: j,
        })),
      )
    }
    const file = join(dir, 'data.kvbackup')
    await source.backup(file)
    await source.close()
    const target = join(dir, 'target')

    await killMidway({ TARGET: target, FILE: file })

    const refused = await openStore(target).then(
      () => undefined,
      (error: KvError) => error,
    )
    expect(refused?.code).toBe('KV_RESTORE_INCOMPLETE')
    expect(refused?.message).toMatch(/did not complete/)

    const again = await openStore(target, { force: true })
    expect(await again.count()).toBeGreaterThan(0) // the first restore's half
    expect(await again.count()).toBeLessThan(10_000)
    const restored = await again.restore(file)
    expect(restored.records).toBe(10_000)
    await again.close()

    const reopened = await openStore(target)
    expect(await reopened.count()).toBe(10_000)
    expect(await reopened.get('k/9/999')).toMatchObject({ value: 999, version: 1 })
    await reopened.close()
  })
})
