/**
 * A linearizability checker for one versioned register (a store key): the search of Wing and
 * Gong with Lowe's memoization. The register's state is its version and value; every write makes
 * the next version. An operation runs from `invoke` to `complete` (Infinity when its outcome is
 * unknown, such as a timeout: it may have taken effect at any later point, or never).
 */

export interface RegisterState {
  version: number
  value: string | null
}

export type RegisterOp =
  | { kind: 'read'; result: RegisterState }
  /** An unconditional write of `value`; `version` is the version it was acknowledged with. */
  | { kind: 'write'; value: string; version?: number }
  /** A compare-and-set: write `value` if the version is `expected`; `ok` undefined: unknown. */
  | { kind: 'cas'; expected: number; value: string; ok?: boolean }

export type HistoryOp = RegisterOp & { process: number; invoke: number; complete: number }

/** The state after `op` from `state`, or undefined when `op` cannot take effect there. */
export function step(state: RegisterState, op: RegisterOp): RegisterState | undefined {
  const next = { version: state.version + 1, value: null as string | null }
  switch (op.kind) {
    case 'read':
      return op.result.version === state.version && op.result.value === state.value
        ? state
        : undefined
    case 'write':
      if (op.version !== undefined && op.version !== next.version) return undefined
      return { ...next, value: op.value }
    case 'cas':
      if (op.ok === false) return state.version === op.expected ? undefined : state
      if (state.version === op.expected) return { ...next, value: op.value }
      // A CAS of unknown outcome whose check would fail changed nothing.
      return op.ok === undefined ? state : undefined
  }
}

const isUnknown = (op: HistoryOp) => op.complete === Number.POSITIVE_INFINITY

/**
 * True when the operations can be ordered so that each takes effect at one instant between its
 * invoke and its complete and the register's rules hold throughout. Operations of unknown
 * outcome may also never take effect.
 */
export function isLinearizable(
  history: HistoryOp[],
  initial: RegisterState = { version: 0, value: null },
): boolean {
  const ops = [...history].sort((a, b) => a.invoke - b.invoke)
  const mustDo = ops.filter((op) => !isUnknown(op)).length
  const seen = new Set<string>()
  const done = new Array<boolean>(ops.length).fill(false)

  const search = (state: RegisterState, doneCount: number): boolean => {
    if (doneCount === mustDo) return true
    const memo = `${done.map((d) => (d ? 1 : 0)).join('')}|${state.version}|${state.value}`
    if (seen.has(memo)) return false
    seen.add(memo)
    // Any pending operation may go next unless another pending one completed before it began.
    let horizon = Number.POSITIVE_INFINITY
    for (let i = 0; i < ops.length; i++) if (!done[i]) horizon = Math.min(horizon, ops[i]!.complete)
    for (let i = 0; i < ops.length; i++) {
      const op = ops[i]!
      if (done[i] || op.invoke > horizon) continue
      const next = step(state, op)
      if (next === undefined) continue
      done[i] = true
      const found = search(next, doneCount + (isUnknown(op) ? 0 : 1))
      done[i] = false
      if (found) return true
    }
    return false
  }
  return search(initial, 0)
}
