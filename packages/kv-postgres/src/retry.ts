/**
 * Waits before retry `attempt` (1, 2, ...): exponential from 2 ms up to 200 ms, full jitter, so
 * transactions that conflicted once do not meet again in lockstep.
 */
export function backoff(attempt: number): Promise<void> {
  const ceiling = Math.min(200, 2 * 2 ** Math.min(attempt, 10))
  return new Promise((resolve) => setTimeout(resolve, Math.random() * ceiling))
}
