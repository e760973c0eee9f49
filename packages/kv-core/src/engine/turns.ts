/**
 * Resolves once the event loop had a turn. Node: setImmediate, after the poll phase, so timers
 * and I/O callbacks due meanwhile run first. A browser has no setImmediate, and clamps nested
 * setTimeout(0) to 4 ms: a MessageChannel message is a task with no such delay.
 */
export const yieldToLoop: () => Promise<void> =
  typeof setImmediate === 'function'
    ? () => new Promise<void>((resolve) => setImmediate(resolve))
    : messageYield()

function messageYield(): () => Promise<void> {
  const channel = new MessageChannel()
  const waiting: Array<() => void> = []
  // The DOM's MessagePort (setting onmessage also starts it); Node's types lack the property.
  ;(channel.port1 as unknown as { onmessage: () => void }).onmessage = () => waiting.shift()?.()
  return () =>
    new Promise<void>((resolve) => {
      waiting.push(resolve)
      channel.port2.postMessage(null)
    })
}
