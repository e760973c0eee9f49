import { afterEach, describe, expect, it } from 'vitest'
import type { CommittedChange } from '../records/changes.js'
import { onCommit } from '../store/internal-api.js'
import type { Store } from '../store/store.js'
import { ManualClock } from './clock.js'
import { type ConformanceTarget, failedMutate, rejectsWithCode } from './target.js'

/** Registers a listener that records every change it hears, one array per transaction. */
function record(store: Store): { batches: CommittedChange[][]; stop: () => void } {
  const batches: CommittedChange[][] = []
  const stop = onCommit(store, (changes) => batches.push(changes.map((c) => ({ ...c }))))
  return { batches, stop }
}

const brief = (changes: CommittedChange[]) =>
  changes.map((c) => `${c.action} ${c.key} v${c.version}`)

export function commitSuite(target: ConformanceTarget): void {
  describe(`${target.name}: commit listeners`, () => {
    let store: Store
    afterEach(async () => {
      await (target.dispose ? target.dispose(store) : store.close())
    })

    for (const stream of [true, false]) {
      it(`hear every committed change once it is durable (stream ${stream ? 'on' : 'off'})`, async () => {
        store = await target.open({ stream })
        const heard = record(store)
        await store.put('a/1', 1)
        await store.patch('a/1', { x: 1 })
        // The listener runs before the write's promise resolves: record the order of the two.
        const order: string[] = []
        const stopOrder = onCommit(store, () => order.push('heard'))
        await store
          .mutate([
            { op: 'put', key: 'a/2', value: 2 },
            { op: 'put', key: 'b/1', value: 3, type: 'other' },
          ])
          .then(() => order.push('resolved'))
        stopOrder()
        expect(order).toEqual(['heard', 'resolved'])
        expect(await store.get('a/2')).toBeDefined()
        await store.deletePrefix('a/')
        expect(await store.delete('missing')).toBe(0)
        expect(heard.batches.map(brief)).toEqual([
          ['create a/1 v1'],
          ['update a/1 v2'],
          ['create a/2 v1', 'create b/1 v1'],
          ['delete a/1 v2', 'delete a/2 v1'],
        ])
        expect(heard.batches[2]![1]!.type).toBe('other')
      })
    }

    it('hear nothing from a failed mutate, and nothing after the listener is removed', async () => {
      store = await target.open()
      const heard = record(store)
      await store.put('k', 1)
      await failedMutate(store, 'k2', 'k')
      heard.stop()
      await store.put('k', 2)
      expect(heard.batches.map(brief)).toEqual([['create k v1']])
    })

    it('are scoped to their namespace', async () => {
      store = await target.open()
      const inner = store.namespace('inner')
      const root = record(store)
      const scoped = record(inner)
      await store.put('x', 1)
      await inner.put('x', 2)
      expect(root.batches.map(brief)).toEqual([['create x v1']])
      expect(scoped.batches.map(brief)).toEqual([['create x v1']])
    })

    it('hear expiries swept in the background or on demand', async () => {
      const clock = new ManualClock()
      store = await target.open({ clock: clock.read, sweepIntervalMs: 0, stream: false })
      const heard = record(store)
      await store.put('s/1', 'a', { ttl: 10 })
      clock.advance(10)
      expect(await store.sweepExpired()).toBe(1)
      expect(heard.batches.map(brief)).toEqual([['create s/1 v1'], ['expire s/1 v1']])
    })

    it('must be functions', async () => {
      store = await target.open()
      const error = await rejectsWithCode(
        () => onCommit(store, 'nope' as unknown as () => void),
        'KV_INVALID_ARGUMENT',
      )
      expect(error.message).toContain('listener')
    })
  })
}
