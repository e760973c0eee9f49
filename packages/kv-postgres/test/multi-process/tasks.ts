import { setTimeout as sleep } from 'node:timers/promises'
import type { Consumer, ConsumerOptions, KvError, Store } from '@kvgraph/core'

/** Prints one JSON line to the parent. */
export type Emit = (line: Record<string, unknown>) => void

const codeOf = (error: unknown): string => (error as KvError).code ?? String(error)

/**
 * What a child does in loops or keeps between requests (worker.ts): the concurrent work of the
 * multi-process tests, run inside the child so its calls overlap with the other children's.
 */
export function tasks(store: Store, emit: Emit) {
  const consumers = new Map<string, Consumer>()
  const watches = new Map<string, AbortController>()
  let writeLoop: { stop: boolean; acked: string[]; errors: string[]; done: Promise<void> }

  return {
    /** `n` read-version-put increments of `key` (mutate with a check when `useMutate`). */
    async increments(key: string, n: number, useMutate: boolean) {
      let conflicts = 0
      for (let done = 0; done < n; ) {
        const record = await store.get<number>(key)
        const version = record?.version ?? 0
        const value = (record?.value ?? 0) + 1
        try {
          if (useMutate)
            await store.mutate([
              { op: 'check', key, version },
              { op: 'put', key, value },
            ])
          else await store.put(key, value, { version })
          done++
        } catch (error) {
          if (codeOf(error) !== 'KV_VERSION_CONFLICT') throw error
          conflicts++
        }
      }
      return { conflicts }
    },

    /** `n` values of the named sequence, in the order received. */
    async seqs(name: string, n: number) {
      const values: number[] = []
      for (let i = 0; i < n; i++) values.push(await store.seq(name))
      return values
    },

    /**
     * `n` transactions of mixed kinds under `prefix` (puts, updates, deletes, two-key mutates),
     * then a `done/<prefix>` marker; a consumer stops once it has read every writer's marker.
     */
    async writes(prefix: string, n: number) {
      for (let i = 0; i < n; i++) {
        const key = `${prefix}/k${i % 17}`
        if (i % 5 === 4) await store.delete(key)
        else if (i % 7 === 6)
          await store.mutate([
            { op: 'put', key, value: { i } },
            { op: 'patch', key: `${prefix}/sum`, patch: { [`at${i % 3}`]: i } },
          ])
        else await store.put(key, { i })
      }
      await store.put(`done/${prefix}`, n)
      return n
    },

    /**
     * Follows the stream with a durable consumer until it has read `markers` done markers,
     * committing each batch: the seqs it read, in order, and any batch that did not start right
     * after the committed position.
     */
    async consume(name: string, markers: number) {
      const consumer = store.consumer(name)
      const seqs: number[] = []
      const misplaced: number[] = []
      let seen = 0
      let position = 0
      let firstReadAt: number | undefined
      while (seen < markers) {
        const batch = await consumer.next(50)
        if (batch.length === 0) {
          await sleep(5)
          continue
        }
        firstReadAt ??= Date.now()
        if (batch[0]!.seq !== position + 1) misplaced.push(batch[0]!.seq)
        for (const entry of batch) {
          seqs.push(entry.seq)
          if (entry.key.startsWith('done/')) seen++
        }
        position = batch.at(-1)!.seq
        await consumer.commit(position)
      }
      const { position: committed } = await consumer.status()
      return { seqs, misplaced, position: committed, firstReadAt }
    },

    /** A consumer handle kept by name, so its lease owner stays the same between requests. */
    async consumerNext(name: string, limit: number, options: ConsumerOptions = {}) {
      const consumer = consumers.get(name) ?? store.consumer(name, options)
      consumers.set(name, consumer)
      return (await consumer.next(limit)).map((entry) => entry.seq)
    },

    async consumerCommit(name: string, seq: number) {
      await consumers.get(name)!.commit(seq)
    },

    async consumerStatus(name: string) {
      return consumers.get(name)!.status()
    },

    async consumerDelete(name: string) {
      return consumers.get(name)!.delete()
    },

    /** Starts a watch; its batches arrive as `{ event: 'watch', id, events }` lines. */
    watch(id: string, target: string) {
      const controller = new AbortController()
      watches.set(id, controller)
      const iterator = store.watch(target, { signal: controller.signal })
      void (async () => {
        try {
          for await (const events of iterator) emit({ event: 'watch', id, at: Date.now(), events })
        } catch (error) {
          emit({ event: 'watchError', id, code: codeOf(error) })
        }
      })()
    },

    unwatch(id: string) {
      watches.get(id)?.abort()
    },

    /** Calls sweepExpired `rounds` times, `pauseMs` apart; the total it expired. */
    async sweeps(rounds: number, pauseMs: number) {
      let total = 0
      for (let i = 0; i < rounds; i++) {
        total += await store.sweepExpired()
        await sleep(pauseMs)
      }
      return total
    },

    /** Writes `prefix/<n>` one after another until stopped, recording what was acknowledged. */
    startWriteLoop(prefix: string) {
      const state = { stop: false, acked: [] as string[], errors: [] as string[] }
      const run = async () => {
        for (let i = 0; !state.stop; i++) {
          const key = `${prefix}/${String(i).padStart(6, '0')}`
          try {
            await store.put(key, i)
            state.acked.push(key)
          } catch (error) {
            state.errors.push(codeOf(error))
            await sleep(20)
          }
        }
      }
      writeLoop = Object.assign(state, { done: run() })
    },

    writeLoopStatus() {
      return { acked: writeLoop.acked.length, errors: writeLoop.errors.length }
    },

    async stopWriteLoop() {
      writeLoop.stop = true
      await writeLoop.done
      return { acked: writeLoop.acked, errors: writeLoop.errors }
    },
  }
}
