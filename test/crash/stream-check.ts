import { isDeepStrictEqual } from 'node:util'
import type { JsonValue } from '@kvgraph/core'
import type { Handles } from './observe.js'
import type { Violations } from './report.js'

/**
 * The root space's stream, read on from where the last check stopped and replayed: seqs follow
 * on with no gap or repeat, each key's versions follow on (an entry for a write that never
 * committed breaks that, or the replay), and the replay equals the data.
 */
export class StreamCheck {
  readonly #replayed = new Map<string, { version: number; value: JsonValue }>()
  #last = 0

  get entries(): number {
    return this.#last
  }

  async check(h: Handles, violations: Violations): Promise<void> {
    for (;;) {
      const batch = await h.store.stream({ from: this.#last + 1, limit: 5000 })
      if (batch.length === 0) break
      for (const entry of batch) {
        if (entry.seq <= this.#last)
          violations.add('duplicates', `seq ${entry.seq} after ${this.#last}`)
        else if (entry.seq !== this.#last + 1)
          violations.add('gaps', `seq ${entry.seq} after ${this.#last}`)
        this.#last = Math.max(this.#last, entry.seq)
        const before = this.#replayed.get(entry.key)
        const expected =
          entry.action === 'create'
            ? before === undefined
            : entry.action === 'update'
              ? before?.version === entry.version - 1
              : before !== undefined
        if (!expected)
          violations.add(
            'phantoms',
            `${entry.action} ${JSON.stringify(entry.key)} v${entry.version} at seq ${entry.seq} after ${before ? `v${before.version}` : 'none'}`,
          )
        if (entry.action === 'create' || entry.action === 'update')
          this.#replayed.set(entry.key, { version: entry.version, value: entry.value })
        else this.#replayed.delete(entry.key)
      }
    }
    const head = await h.store.streamSeq()
    if (head !== this.#last)
      violations.add('gaps', `streamSeq() ${head}, last entry read ${this.#last}`)
    const data = new Map<string, { version: number; value: JsonValue }>()
    for await (const r of h.store.entries({ prefix: '' }))
      data.set(r.key, { version: r.version, value: r.value })
    for (const [key, record] of data) {
      const replayed = this.#replayed.get(key)
      if (!isDeepStrictEqual(replayed, record))
        violations.add(
          replayed ? 'phantoms' : 'gaps',
          `${JSON.stringify(key)}: stream says ${JSON.stringify(replayed)}, data ${JSON.stringify(record)}`,
        )
    }
    for (const key of this.#replayed.keys())
      if (!data.has(key))
        violations.add('phantoms', `${JSON.stringify(key)} in the stream, not in the data`)
  }
}
