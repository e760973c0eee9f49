/** One Server-Sent Event as a test reads it. */
export interface SseEvent {
  id?: string
  event?: string
  data: string
}

/**
 * Reads events from an SSE response until `until` says enough (or the stream ends), then cancels
 * the body (which closes the connection).
 */
export async function readEvents(
  response: Response,
  until: (events: SseEvent[]) => boolean,
): Promise<SseEvent[]> {
  const reader = response.body!.pipeThrough(new TextDecoderStream()).getReader()
  const events: SseEvent[] = []
  let buffer = ''
  try {
    while (!until(events)) {
      const { value, done } = await reader.read()
      if (done) break
      buffer += value
      let end = buffer.indexOf('\n\n')
      while (end >= 0) {
        const block = buffer.slice(0, end)
        buffer = buffer.slice(end + 2)
        const event: SseEvent = { data: '' }
        let hasData = false
        for (const line of block.split('\n')) {
          if (line.startsWith(':')) continue
          const at = line.indexOf(':')
          const field = line.slice(0, at)
          const value = line.slice(at + 1).replace(/^ /, '')
          if (field === 'id') event.id = value
          else if (field === 'event') event.event = value
          else if (field === 'data') {
            event.data += value
            hasData = true
          }
        }
        if (hasData) events.push(event)
        end = buffer.indexOf('\n\n')
      }
    }
  } finally {
    await reader.cancel().catch(() => {})
  }
  return events
}
