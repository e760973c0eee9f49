import type { Store } from '@kvgraph/core'
import type { Graph } from '@kvgraph/graph'
import type { Command } from 'commander'
import { Context, type GlobalOptions, globalsOf } from './context.js'

/** A command's handler: its context, its options (global ones included) and its arguments. */
export type Handler<O, A extends unknown[]> = (
  ctx: Context,
  opts: O & GlobalOptions,
  ...args: A
) => Promise<void>

/**
 * Adapts a handler to commander's `(...args, options, command)` action signature, and closes
 * the context (flushing output, closing the store) whatever happens.
 */
export function act<O = Record<string, never>, A extends unknown[] = []>(handler: Handler<O, A>) {
  return async (...raw: unknown[]): Promise<void> => {
    const command = raw.at(-1) as Command
    const args = raw.slice(0, -2) as A
    const globals = globalsOf(command)
    const ctx = new Context(globals)
    try {
      await handler(ctx, { ...(command.opts() as O), ...globals }, ...args)
    } finally {
      await ctx.close()
    }
  }
}

/** The commonest command: one call on the store, its result printed as JSON. */
export function printFromStore<A extends unknown[] = []>(
  run: (store: Store, ...args: A) => Promise<unknown>,
) {
  return act<object, A>(async (ctx, _opts, ...args) => {
    await ctx.out.json(await run(await ctx.store(), ...args))
  })
}

/** The same on the graph: one call, its result printed as JSON. */
export function printFromGraph<A extends unknown[] = []>(
  run: (graph: Graph, ...args: A) => Promise<unknown>,
) {
  return act<object, A>(async (ctx, _opts, ...args) => {
    await ctx.out.json(await run(await ctx.graph(), ...args))
  })
}
