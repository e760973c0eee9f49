import type { Adjacency } from '../reading/adjacency.js'

/** Sizes of the slices a search reads a frontier in: the first, and the most (doubling between). */
export interface ChunkSizes {
  readonly first: number
  readonly max: number
}

/**
 * A frontier in slices of growing size: a search that stops early (a consumer that breaks, a
 * path found) reads little, and one that goes on reads in few, large batches.
 */
export function* growingChunks(ids: readonly number[], sizes: ChunkSizes): Generator<number[]> {
  let chunk = sizes.first
  for (let at = 0; at < ids.length; at += chunk, chunk = Math.min(chunk * 2, sizes.max)) {
    yield ids.slice(at, at + chunk)
  }
}

/** Whether any node of `frontier` has an edge to a node `unseen` accepts (reads until one). */
export async function reachesUnseen(
  adjacency: Adjacency,
  frontier: readonly number[],
  unseen: (id: number) => boolean,
  sizes: ChunkSizes,
): Promise<boolean> {
  for (const ids of growingChunks(frontier, sizes)) {
    const lists = adjacency.readHeld(ids) ?? (await adjacency.read(ids))
    for (const list of lists) for (const v of list.nodes) if (unseen(v)) return true
  }
  return false
}
