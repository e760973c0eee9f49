/** A growable array of small integers indexed by node id (0 where never set). */
export class ByteArray {
  #data = new Uint8Array(1024)

  get(id: number): number {
    return id < this.#data.length ? this.#data[id]! : 0
  }

  set(id: number, value: number): void {
    if (id >= this.#data.length) {
      const grown = new Uint8Array(Math.max(this.#data.length * 2, id + 1))
      grown.set(this.#data)
      this.#data = grown
    }
    this.#data[id] = value
  }
}

/** A growable array of numbers indexed by node id (`fill` where never set). */
export class NumberArray {
  #data: Float64Array
  readonly #fill: number

  constructor(fill: number) {
    this.#fill = fill
    this.#data = new Float64Array(1024).fill(fill)
  }

  get(id: number): number {
    return id < this.#data.length ? this.#data[id]! : this.#fill
  }

  set(id: number, value: number): void {
    if (id >= this.#data.length) {
      const grown = new Float64Array(Math.max(this.#data.length * 2, id + 1)).fill(this.#fill)
      grown.set(this.#data)
      this.#data = grown
    }
    this.#data[id] = value
  }
}
