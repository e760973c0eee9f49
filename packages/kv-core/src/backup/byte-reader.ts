/** Reads exact byte counts off an async stream of chunks, counting the offset. */
export class ByteReader {
  readonly #chunks: AsyncIterator<Buffer>
  #buffer: Buffer = Buffer.alloc(0)
  /** Bytes taken so far: the offset of the next byte `take` returns. */
  offset = 0

  constructor(chunks: AsyncIterable<Buffer>) {
    this.#chunks = chunks[Symbol.asyncIterator]()
  }

  /** The next `n` bytes; fewer (possibly none) only at the end of the stream. */
  async take(n: number): Promise<Buffer> {
    const parts: Buffer[] = []
    let have = 0
    while (have < n) {
      if (this.#buffer.length === 0) {
        const next = await this.#chunks.next()
        if (next.done) break
        this.#buffer = next.value
        continue
      }
      const part = this.#buffer.subarray(0, n - have)
      this.#buffer = this.#buffer.subarray(part.length)
      parts.push(part)
      have += part.length
    }
    this.offset += have
    return parts.length === 1 ? parts[0]! : Buffer.concat(parts, have)
  }

  /** True once every byte was taken. */
  async atEnd(): Promise<boolean> {
    while (this.#buffer.length === 0) {
      const next = await this.#chunks.next()
      if (next.done) return true
      this.#buffer = next.value
    }
    return false
  }

  /** Stops reading (the source stream is closed). */
  async close(): Promise<void> {
    await this.#chunks.return?.()
  }
}
