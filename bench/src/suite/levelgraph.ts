import { ClassicLevel } from 'classic-level'
import levelgraph, { type Triple } from 'levelgraph'

export type { Triple }

/**
 * levelgraph 4 over classic-level 3, with promises. levelgraph writes with the callback API of
 * abstract-level 1 (`db.batch(ops, options, callback)`), which abstract-level 2+ dropped: the
 * batch is written but the callback never fires. So levelgraph gets a proxy whose `batch` calls
 * back when the promise settles; reads already work (level-read-stream detects abstract-level 2+
 * by its `hooks` and uses promises).
 *
 * Batch size matters: levelgraph's put builds its batch with `acc.concat(sixKeys)` per triple,
 * quadratic in the batch. Measured here on 200k edges: 38k edges/s in puts of 100 triples, 23k in
 * puts of 1,000, 4k in puts of 10,000. The bench uses 100, its fastest.
 */
export class LevelgraphDb {
  readonly level: ClassicLevel<string, string>
  readonly #graph: ReturnType<typeof levelgraph>

  constructor(dir: string) {
    this.level = new ClassicLevel<string, string>(dir)
    const level = this.level
    const adapted = new Proxy(level, {
      get(target, property) {
        if (property === 'batch') {
          return (ops: never, options: never, callback: (error?: unknown) => void) =>
            target.batch(ops, options).then(() => callback(), callback)
        }
        const value = Reflect.get(target, property, target)
        return typeof value === 'function' ? value.bind(target) : value
      },
    })
    this.#graph = levelgraph(adapted)
  }

  open(): Promise<void> {
    return this.level.open()
  }

  put(triples: Triple[]): Promise<void> {
    return new Promise((resolve, reject) => {
      this.#graph.put(triples, (error) => (error ? reject(error) : resolve()))
    })
  }

  get(pattern: Partial<Triple>): Promise<Triple[]> {
    return new Promise((resolve, reject) => {
      this.#graph.get(pattern, (error, triples) => (error ? reject(error) : resolve(triples)))
    })
  }

  /** Triples stored, counted on the subject-predicate-object index (one key per triple). */
  async count(): Promise<number> {
    let count = 0
    const keys = this.level.keys({ gte: 'spo::', lt: 'spo:;' })
    for (let batch = await keys.nextv(1000); batch.length > 0; batch = await keys.nextv(1000)) {
      count += batch.length
    }
    await keys.close()
    return count
  }

  close(): Promise<void> {
    return this.level.close()
  }
}
