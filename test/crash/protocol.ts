/**
 * The lines a load child prints (one JSON object a line on stdout, a pipe: written synchronously,
 * so a line printed before SIGKILL reaches the parent):
 *
 *   {"b":id,"w":worker,"op":"put","fx":[...],"atomic":true}   an operation begins, with its effects
 *   {"a":id,"fx":[...]}                                        it resolved (effects known only now)
 *   {"x":id,"why":"..."}                                       its result differs from the prediction
 *
 * A worker runs one operation at a time on state it alone writes, so it predicts each effect
 * exactly. At the kill, each worker has at most one operation begun and not acknowledged: the
 * store must hold either all of its effects or none (per effect when `atomic` is false).
 */

/** The expected state of one thing the load writes; `s: null` means absent. */
export type Effect =
  | { k: string; s: { v: number; val: unknown } | null }
  | { e: [string, string, string]; s: Record<string, unknown> | null }
  | { n: string; s: Record<string, unknown> | null }
  | { c: string; pos: number }
  | { l: string; s: string | null }
  | { t: string }

export interface BeginLine {
  b: number
  w: number
  op: string
  fx: Effect[]
  atomic: boolean
}

export interface AckLine {
  a: number
  fx?: Effect[]
}

export interface MismatchLine {
  x: number
  why: string
}

export type Line = BeginLine | AckLine | MismatchLine

/** The node type of every graph node the load writes. */
export const NODE_TYPE = 'N'
/** The namespace the load's tasks live in. */
export const TASKS_NAMESPACE = 'tasks'

/** The identity of an effect's target: two effects with one target describe the same thing. */
export function targetOf(effect: Effect): string {
  if ('k' in effect) return `k:${effect.k}`
  if ('e' in effect) return `e:${JSON.stringify(effect.e)}`
  if ('n' in effect) return `n:${effect.n}`
  if ('c' in effect) return `c:${effect.c}`
  if ('l' in effect) return `l:${effect.l}`
  return `t:${effect.t}`
}
