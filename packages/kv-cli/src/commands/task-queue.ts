import type { Tasks } from '@kvgraph/tasks'
import type { Context } from '../context.js'

/** The queue on the command's store (loaded on first use, like the store). */
export async function tasksOf(ctx: Context): Promise<Tasks> {
  const [{ Tasks }, store] = await Promise.all([import('@kvgraph/tasks'), ctx.store()])
  return new Tasks(store)
}
