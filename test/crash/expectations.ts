import { isDeepStrictEqual } from 'node:util'
import type { Handles } from './observe.js'
import { observe } from './observe.js'
import { type BeginLine, type Effect, type Line, targetOf } from './protocol.js'
import type { Violations } from './report.js'

/** The state a target has before anything wrote it. */
function absent(effect: Effect): Effect {
  if ('k' in effect) return { k: effect.k, s: null }
  if ('e' in effect) return { e: effect.e, s: null }
  if ('n' in effect) return { n: effect.n, s: null }
  if ('c' in effect) return { c: effect.c, pos: 0 }
  if ('l' in effect) return { l: effect.l, s: null }
  return { t: '' }
}

function isPresent(effect: Effect): boolean {
  if ('c' in effect) return effect.pos > 0
  if ('t' in effect) return effect.t !== ''
  return effect.s !== null
}

/**
 * What the store must hold, built from the children's acknowledgements across cycles: every
 * acknowledged effect, and for an operation cut off by the kill, all of its effects or none.
 */
export class Expectations {
  readonly #model = new Map<string, Effect>()
  /** Tasks acknowledged since the last check (checked once: they are many). */
  #newTasks: Effect[] = []
  acked = 0

  /** Reads one cycle's lines, checks them against the store and adopts what it holds. */
  async check(h: Handles, lines: Line[], violations: Violations): Promise<void> {
    const begun = new Map<number, BeginLine>()
    for (const line of lines) {
      if ('b' in line) begun.set(line.b, line)
      else if ('x' in line) violations.add('wrongVersions', line.why)
      else {
        const op = begun.get(line.a)
        if (!op) throw new Error(`acknowledgement ${line.a} without a begin line`)
        begun.delete(line.a)
        this.acked++
        for (const effect of [...op.fx, ...(line.fx ?? [])]) this.#expect(effect)
      }
    }
    // What is left was in flight at the kill.
    for (const op of begun.values()) await this.#inFlight(h, op, violations)
    for (const expected of [...this.#model.values(), ...this.#newTasks]) {
      await this.#compare(h, expected, violations)
    }
    this.#newTasks = []
  }

  /** Every graph edge the model says exists, as `[from, type, to]` JSON. */
  presentEdges(): Set<string> {
    const edges = new Set<string>()
    for (const effect of this.#model.values())
      if ('e' in effect && effect.s !== null) edges.add(JSON.stringify(effect.e))
    return edges
  }

  #expect(effect: Effect): void {
    if ('t' in effect) this.#newTasks.push(effect)
    else this.#model.set(targetOf(effect), effect)
  }

  async #inFlight(h: Handles, op: BeginLine, violations: Violations): Promise<void> {
    // Only effects that change something tell whether the operation was applied.
    let applied = 0
    let unapplied = 0
    for (const post of op.fx) {
      const pre = this.#model.get(targetOf(post)) ?? absent(post)
      const actual = await observe(h, post)
      const changes = !isDeepStrictEqual(pre, post)
      if (isDeepStrictEqual(actual, post)) applied += changes ? 1 : 0
      else if (isDeepStrictEqual(actual, pre)) unapplied++
      else
        violations.add(
          'wrongVersions',
          `in-flight ${op.op}: ${JSON.stringify(actual)}, expected ${JSON.stringify(pre)} or ${JSON.stringify(post)}`,
        )
      this.#model.set(targetOf(post), actual)
    }
    if (op.atomic && applied > 0 && unapplied > 0)
      violations.add('halfApplied', `${op.op}: ${applied} effects applied, ${unapplied} not`)
  }

  async #compare(h: Handles, expected: Effect, violations: Violations): Promise<void> {
    const actual = await observe(h, expected)
    if (isDeepStrictEqual(actual, expected)) return
    const what = `${JSON.stringify(actual)}, expected ${JSON.stringify(expected)}`
    if (isPresent(expected) && !isPresent(actual)) violations.add('lost', what)
    else if (!isPresent(expected) && isPresent(actual)) violations.add('phantoms', what)
    else violations.add('wrongVersions', what)
  }
}
