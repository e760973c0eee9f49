import { once } from 'node:events'

const FLUSH_AT = 64 * 1024

/**
 * Standard output, buffered: JSON records one per line (indented with --pretty), raw text or
 * bytes. Writes wait for 'drain', so streaming a large export keeps memory bounded.
 */
export class Output {
  readonly pretty: boolean
  readonly #stream: NodeJS.WritableStream
  #buffer = ''

  constructor(pretty: boolean, stream: NodeJS.WritableStream = process.stdout) {
    this.pretty = pretty
    this.#stream = stream
  }

  /** One JSON record: a line, or indented JSON with --pretty. */
  json(value: unknown): Promise<void> {
    const text = this.pretty ? JSON.stringify(value, null, 2) : JSON.stringify(value)
    return this.text(`${text}\n`)
  }

  /** Raw text, written as given. */
  async text(text: string): Promise<void> {
    this.#buffer += text
    if (this.#buffer.length >= FLUSH_AT) await this.flush()
  }

  async bytes(bytes: Uint8Array): Promise<void> {
    await this.flush()
    await write(this.#stream, bytes)
  }

  async flush(): Promise<void> {
    if (this.#buffer === '') return
    const chunk = this.#buffer
    this.#buffer = ''
    await write(this.#stream, chunk)
  }
}

async function write(stream: NodeJS.WritableStream, chunk: string | Uint8Array): Promise<void> {
  if (!stream.write(chunk)) await once(stream, 'drain')
}
