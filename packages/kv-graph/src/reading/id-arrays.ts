/**
 * Arrays indexed by node id. Ids come from a graph-wide interner, so a small traversal may touch
 * a few ids among millions: the arrays are paged, and only pages holding a set id are allocated.
 */
const PAGE_BITS = 10
const PAGE_SIZE = 1 << PAGE_BITS
const PAGE_MASK = PAGE_SIZE - 1

/** Small integers (0-255) by node id, 0 where never set. */
export class ByteArray {
  readonly #pages: Array<Uint8Array | undefined> = []

  get(id: number): number {
    const page = this.#pages[id >> PAGE_BITS]
    return page === undefined ? 0 : page[id & PAGE_MASK]!
  }

  set(id: number, value: number): void {
    let page = this.#pages[id >> PAGE_BITS]
    if (page === undefined) {
      page = new Uint8Array(PAGE_SIZE)
      setPage(this.#pages, id >> PAGE_BITS, page)
    }
    page[id & PAGE_MASK] = value
  }
}

/** Numbers by node id, `fill` where never set. */
export class NumberArray {
  readonly #pages: Array<Float64Array | undefined> = []
  readonly #fill: number

  constructor(fill: number) {
    this.#fill = fill
  }

  get(id: number): number {
    const page = this.#pages[id >> PAGE_BITS]
    return page === undefined ? this.#fill : page[id & PAGE_MASK]!
  }

  set(id: number, value: number): void {
    let page = this.#pages[id >> PAGE_BITS]
    if (page === undefined) {
      page = new Float64Array(PAGE_SIZE)
      if (this.#fill !== 0) page.fill(this.#fill)
      setPage(this.#pages, id >> PAGE_BITS, page)
    }
    page[id & PAGE_MASK] = value
  }
}

/** Stores a page, filling the gap before it so the array stays a plain (non-dictionary) one. */
function setPage<T>(pages: Array<T | undefined>, index: number, page: T): void {
  while (pages.length < index) pages.push(undefined)
  pages[index] = page
}
