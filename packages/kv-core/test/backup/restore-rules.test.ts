// The rules of restore: an empty target, or force; nothing written on a refusal; typed errors
// for bad arguments; a backup covers the root store and every namespace.
import { mkdtempSync, rmSync } from 'node:fs'
import { tmpdir } from 'node:os'
import { join } from 'node:path'
import { PassThrough } from 'node:stream'
import { copyStore, type KvError, openStore, type Store } from '@kvgraph/core'
import { afterAll, describe, expect, it } from 'vitest'

const dir = mkdtempSync(join(tmpdir(), 'kv-restore-rules-'))
afterAll(() => rmSync(dir, { recursive: true, force: true }))
let n = 0

async function filled(count: number): Promise<Store> {
  const store = await openStore(':memory:')
  for (let i = 0; i < count; i++) await store.put(`k${i}`, i)
  return store
}

async function rejection(promise: Promise<unknown>): Promise<KvError> {
  return promise.then(
    () => {
      throw new Error('expected a rejection')
    },
    (error: KvError) => error,
  )
}

describe('restore rules', () => {
  it('into a store that is not empty fails with KV_NOT_EMPTY and writes nothing', async () => {
    const source = await filled(3)
    const file = join(dir, `b${n++}`)
    await source.backup(file)
    const target = await openStore(':memory:')
    await target.put('mine', 'kept')
    const error = await rejection(target.restore(file))
    expect(error.code).toBe('KV_NOT_EMPTY')
    expect((await target.list()).records.map((r) => [r.key, r.value])).toEqual([['mine', 'kept']])
    expect(await target.streamSeq()).toBe(1)
    expect((await rejection(copyStore(source, target))).code).toBe('KV_NOT_EMPTY')
  })

  it('with { force: true } replaces the contents', async () => {
    const source = await filled(3)
    const file = join(dir, `b${n++}`)
    await source.backup(file)
    const target = await filled(10)
    await target.restore(file, { force: true })
    expect((await target.list()).records.map((r) => r.key)).toEqual(['k0', 'k1', 'k2'])
    expect(await target.streamSeq()).toBe(3)
    await target.put('next', 1)
    expect(await target.streamSeq()).toBe(4)
  })

  it('streams through a Writable and a Readable, and reports progress', async () => {
    const source = await filled(2500)
    const pipe = new PassThrough()
    const chunks: Buffer[] = []
    pipe.on('data', (chunk: Buffer) => chunks.push(chunk))
    const seen: number[] = []
    const info = await source.backup(pipe, { onProgress: (p) => seen.push(p.entries) })
    expect(info.bytes).toBe(Buffer.concat(chunks).length)
    expect(seen.length).toBeGreaterThan(2)
    expect(seen.at(-1)).toBe(seen.toSorted((a, b) => a - b).at(-1))
    const target = await openStore(':memory:')
    const reading = new PassThrough()
    reading.end(Buffer.concat(chunks))
    const restored = await target.restore(reading)
    expect(restored.records).toBe(2500)
    expect(await target.count()).toBe(2500)
  })

  it('is refused on a namespace view: a backup holds every namespace', async () => {
    const store = await filled(1)
    const error = await rejection(store.namespace('x').backup(join(dir, 'never')))
    expect(error.code).toBe('KV_INVALID_ARGUMENT')
    expect(error.message).toMatch(/root store/)
  })

  it('rejects bad arguments with typed errors naming them', async () => {
    const store = await filled(1)
    const bad: Array<[() => Promise<unknown>, RegExp]> = [
      [
        () => store.backup(42 as never),
        /backup: destination must be a file path or a write stream: received 42/,
      ],
      [() => store.backup('', {}), /backup: destination/],
      [
        () => store.backup(join(dir, 'x'), { stream: 'no' as never }),
        /backup: options.stream must be a boolean/,
      ],
      [
        () => store.backup(join(dir, 'no-such-dir', 'file')),
        /backup: destination must be a writable file path \(ENOENT\)/,
      ],
      [() => store.restore({} as never), /restore: source must be a file path or a read stream/],
      [
        () => store.restore(join(dir, 'missing-file')),
        /restore: source must be a readable backup file/,
      ],
      [
        () => store.restore(join(dir, 'x'), { force: 1 as never }),
        /restore: options.force must be a boolean/,
      ],
      [() => copyStore(store, {} as never), /copyStore: store must be a Store/],
      [() => copyStore(store, store), /same store/],
    ]
    for (const [promise, message] of bad) {
      const error = await rejection(promise())
      expect(error.code).toBe('KV_INVALID_ARGUMENT')
      expect(error.message).toMatch(message)
    }
  })

  it('on a closed store fails with KV_CLOSED', async () => {
    const store = await filled(1)
    await store.close()
    expect((await rejection(store.backup(join(dir, 'closed')))).code).toBe('KV_CLOSED')
  })
})
