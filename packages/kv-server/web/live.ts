import { call } from './api.js'

/**
 * Follows `/watch` with fetch (EventSource cannot send the token), calling `onChange` for each
 * event; reconnects after a drop with Last-Event-ID, so no change is lost.
 */
export function followChanges(onChange: (key: string) => void, signal: AbortSignal): void {
  let lastId: string | undefined
  const run = async () => {
    while (!signal.aborted) {
      try {
        const headers: Record<string, string> =
          lastId === undefined ? {} : { 'last-event-id': lastId }
        const response = await call('/watch?prefix=g/', { headers, signal })
        const reader = response.body!.pipeThrough(new TextDecoderStream()).getReader()
        let buffer = ''
        for (;;) {
          const { value, done } = await reader.read()
          if (done) break
          buffer += value
          let end = buffer.indexOf('\n\n')
          while (end >= 0) {
            const block = buffer.slice(0, end)
            buffer = buffer.slice(end + 2)
            end = buffer.indexOf('\n\n')
            const id = /^id: (.*)$/m.exec(block)?.[1]
            const data = /^data: (.*)$/m.exec(block)?.[1]
            if (id !== undefined) lastId = id
            if (data !== undefined) onChange(JSON.parse(data).key)
          }
        }
      } catch {
        if (signal.aborted) return
      }
      await new Promise((resolve) => setTimeout(resolve, 1000))
    }
  }
  void run()
}
