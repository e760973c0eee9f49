import { isPrimaryLost } from './errors.js'

/**
 * Waits before try `attempt` (1, 2, ...) to find a primary again: exponential from 40 ms up to
 * 1 s, jittered, so the clients of a failed server do not all knock on the new one at once.
 */
export function primaryBackoff(attempt: number, left: number): Promise<void> {
  const ceiling = Math.min(1000, 20 * 2 ** Math.min(attempt, 10))
  const ms = Math.min(left, ceiling * (0.5 + Math.random() / 2))
  return new Promise((resolve) => setTimeout(resolve, ms))
}

/**
 * Runs `call` again while it fails for want of a primary (isPrimaryLost), until `deadline`
 * (epoch ms); then, or on any other failure, rejects with the last error. For calls that apply
 * nothing (reads): running one again cannot apply anything twice.
 */
export async function untilPrimary<T>(
  call: () => Promise<T>,
  deadline: number,
  closed: () => boolean,
): Promise<T> {
  for (let attempt = 1; ; attempt++) {
    try {
      return await call()
    } catch (error) {
      const left = deadline - Date.now()
      if (!isPrimaryLost(error) || closed() || left <= 0) throw error
      await primaryBackoff(attempt, left)
    }
  }
}
