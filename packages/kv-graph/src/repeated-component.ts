import { componentEnd } from './key-codec.js'

/**
 * One component of keys read in key order that mostly repeats from key to key (an edge type, a
 * node type): it is decoded once per run of equal components instead of once per key.
 */
export class RepeatedComponent<T> {
  readonly #decode: (component: string) => T
  #component = ''
  /** What `decode` made of the last component (with its terminator). */
  value: T

  constructor(decode: (component: string) => T, initial: T) {
    this.#decode = decode
    this.value = initial
  }

  /** Where the component starting at `start` ends (past its terminator). */
  endIn(key: string, start: number): number {
    // An encoded component contains '\0\0' only as its terminator (key-codec.ts): the key has
    // the last component at `start` exactly when it starts with it there.
    if (this.#component !== '' && key.startsWith(this.#component, start)) {
      return start + this.#component.length
    }
    const end = componentEnd(key, start)
    this.#component = key.slice(start, end)
    this.value = this.#decode(this.#component)
    return end
  }
}
