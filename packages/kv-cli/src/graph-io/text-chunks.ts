import { createReadStream } from 'node:fs'
import { StringDecoder } from 'node:string_decoder'

/**
 * Streams a file ('-' for standard input) as UTF-8 text chunks, calling `onBytes` with the
 * bytes read so far (for a progress bar). Memory stays bounded by the stream's buffer.
 */
export async function* textChunks(
  file: string,
  onBytes: (bytes: number) => void = () => {},
): AsyncGenerator<string> {
  const input = file === '-' ? process.stdin : createReadStream(file)
  const decoder = new StringDecoder('utf8')
  let bytes = 0
  for await (const chunk of input) {
    const buffer = chunk as Buffer
    bytes += buffer.length
    onBytes(bytes)
    const text = decoder.write(buffer)
    if (text !== '') yield text
  }
  const rest = decoder.end()
  if (rest !== '') yield rest
}

/** Splits text chunks into lines (LF or CRLF), with their 1-based line numbers. */
export async function* lines(
  chunks: AsyncIterable<string>,
): AsyncGenerator<{ text: string; line: number }> {
  let carry = ''
  let line = 0
  for await (const chunk of chunks) {
    const parts = (carry + chunk).split('\n')
    carry = parts.pop()!
    for (const part of parts)
      yield { text: part.endsWith('\r') ? part.slice(0, -1) : part, line: ++line }
  }
  if (carry !== '') yield { text: carry, line: ++line }
}
