// A damaged backup never restores into a store that passes for complete: truncated at random
// offsets, with random bytes flipped, or of another format version, it fails with
// KV_BACKUP_CORRUPT, and the target is then empty or refuses to open (KV_RESTORE_INCOMPLETE).
import { mkdtempSync, readFileSync, rmSync } from 'node:fs'
import { tmpdir } from 'node:os'
import { join } from 'node:path'
import { Readable } from 'node:stream'
import { KvError, openStore, verifyBackup } from '@kvgraph/core'
import { seededRandom } from '@kvgraph/core/random'
import { afterAll, beforeAll, describe, expect, it } from 'vitest'

const dir = mkdtempSync(join(tmpdir(), 'kv-corrupt-'))
afterAll(() => rmSync(dir, { recursive: true, force: true }))
const files: Record<'plain' | 'gzip', Buffer> = { plain: Buffer.alloc(0), gzip: Buffer.alloc(0) }
let targets = 0

beforeAll(async () => {
  const store = await openStore(':memory:')
  for (let i = 0; i < 6; i++) {
    await store.mutate(
      Array.from({ length: 700 }, (_, j) => ({
        op: 'put' as const,
        key: `k/${i}/${j}`,
        value: { i, j, text: 'x'.repeat(j % 50) },
      })),
    )
  }
  await store.backup(join(dir, 'plain.kvbackup'), { gzip: false })
  await store.backup(join(dir, 'gzip.kvbackup'))
  await store.close()
  files.plain = readFileSync(join(dir, 'plain.kvbackup'))
  files.gzip = readFileSync(join(dir, 'gzip.kvbackup'))
})

async function codeOf(promise: Promise<unknown>): Promise<string> {
  try {
    await promise
    return 'resolved'
  } catch (error) {
    return (error as KvError).code
  }
}

/** Restores `bytes` into a new LevelDB store: the error, and what reopening the store says. */
async function restoreBytes(bytes: Buffer): Promise<{ error: KvError; reopened: string }> {
  const path = join(dir, `target${targets++}`)
  const target = await openStore(path)
  let error: KvError | undefined
  try {
    await target.restore(Readable.from([bytes]))
  } catch (caught) {
    error = caught as KvError
  }
  await target.close()
  let reopened: string
  try {
    const store = await openStore(path)
    reopened = (await store.count()) === 0 ? 'empty' : 'HOLDS DATA'
    await store.close()
  } catch (caught) {
    reopened = (caught as KvError).code
  }
  expect(error, 'the restore should have failed').toBeInstanceOf(KvError)
  return { error: error!, reopened }
}

describe.each(['plain', 'gzip'] as const)('a damaged %s backup', (kind) => {
  it('is whole as written (the damage below is what fails)', async () => {
    const verified = await verifyBackup(Readable.from([files[kind]]))
    expect(verified.records).toBe(4200)
    expect(verified.batches).toBeGreaterThan(3)
  })

  it('truncated at random offsets fails with KV_BACKUP_CORRUPT, the target empty or marked', async () => {
    const random = seededRandom(kind === 'plain' ? 1 : 2)
    const bytes = files[kind]
    const cuts = [
      0,
      5,
      12,
      bytes.length - 1,
      ...Array.from({ length: 10 }, () => Math.floor(random() * bytes.length)),
    ]
    for (const cut of cuts) {
      const { error, reopened } = await restoreBytes(bytes.subarray(0, cut))
      expect(error.code, `cut at ${cut}: ${error.message}`).toBe('KV_BACKUP_CORRUPT')
      expect(['empty', 'KV_RESTORE_INCOMPLETE'], `cut at ${cut}`).toContain(reopened)
      expect(await codeOf(verifyBackup(Readable.from([bytes.subarray(0, cut)])))).toBe(
        'KV_BACKUP_CORRUPT',
      )
    }
  })

  it('with a random byte flipped fails with KV_BACKUP_CORRUPT, the target empty or marked', async () => {
    const random = seededRandom(kind === 'plain' ? 3 : 4)
    // gzip's own header (time, flags, OS: bytes 0-9) is not checked by gunzip: flips start after it.
    const first = kind === 'gzip' ? 10 : 0
    for (let n = 0; n < 12; n++) {
      const bytes = Buffer.from(files[kind])
      const at = first + Math.floor(random() * (bytes.length - first))
      bytes[at] = bytes[at]! ^ (1 + Math.floor(random() * 255))
      const { error, reopened } = await restoreBytes(bytes)
      expect(error.code, `flip at ${at}: ${error.message}`).toBe('KV_BACKUP_CORRUPT')
      expect(['empty', 'KV_RESTORE_INCOMPLETE'], `flip at ${at}`).toContain(reopened)
    }
  })
})

describe('a backup of another format version', () => {
  it('fails with KV_BACKUP_CORRUPT naming the version, and writes nothing', async () => {
    const bytes = Buffer.from(files.plain)
    bytes.writeUInt16BE(2, 8)
    const { error, reopened } = await restoreBytes(bytes)
    expect(error.code).toBe('KV_BACKUP_CORRUPT')
    expect(error.message).toMatch(/format version 2 .*versions 1 to 1/)
    expect(reopened).toBe('empty')
  })
})

describe('where the damage is', () => {
  it('a truncated batch names its byte offset and batch', async () => {
    const { error } = await restoreBytes(
      files.plain.subarray(0, Math.floor(files.plain.length / 2)),
    )
    expect(error.message).toMatch(
      /truncated: .* at byte \d+ of the uncompressed backup \(batch \d+\)/,
    )
  })

  it('a flipped byte inside a batch is a checksum mismatch at that batch', async () => {
    const bytes = Buffer.from(files.plain)
    bytes[bytes.length - 2000]! ^= 0xff
    const { error } = await restoreBytes(bytes)
    expect(error.message).toMatch(/checksum mismatch at byte \d+ .*\(batch \d+\)/)
  })

  it('a file that is no backup says so', async () => {
    const { error } = await restoreBytes(Buffer.from('{"key":"not a backup"}\n'))
    expect(error.message).toMatch(/not a kvgraph backup/)
  })
})
