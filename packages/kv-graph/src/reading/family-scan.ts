import { compareKeys, prefixUpperBound } from '@kvgraph/core'
import { edgeKeyOwnerEnd, FAMILY_LENGTH } from '../key-codec.js'
import type { Props } from '../types.js'
import {
  type AdjList,
  concatLists,
  emptyList,
  type Family,
  type ListBuilder,
  NEEDED,
  USELESS,
} from './adjacency.js'
import type { AdjacencyCache } from './adjacency-cache.js'
import { typeRun } from './list-decoding.js'
import { FAMILY_PREFIX, type ReaderParts } from './reader-context.js'

/**
 * The family scan: serves a large frontier with sequential scans of the key family when that is
 * cheaper than seeking to each node, and reads ahead the lists of nodes the traversal may need
 * later (into the reader's cache, within its bound). The family is scanned as a few ranges at
 * once, so reading one range overlaps with decoding another. A scan gives up, leaving the rest
 * to batched seeks, as soon as it has read more keys it cannot use than the seeks it saves
 * would cost (plus a slack).
 */
export class FamilyScan {
  readonly #parts: ReaderParts
  /** The reader's read-ahead cache, which the scan fills. */
  readonly #cache: AdjacencyCache

  constructor(parts: ReaderParts, cache: AdjacencyCache) {
    this.#parts = parts
    this.#cache = cache
  }

  #known(id: number): boolean {
    return this.#cache.has(id) || this.#parts.held?.has(id) === true
  }

  /**
   * Scans for the lists of `ids` not known yet, when they are at least `scanMin`: nodes asked
   * for are pinned in the cache, others read ahead by `usefulness` (see Adjacency.prefetch);
   * whole lists go to the held tables instead.
   */
  async prefetch(ids: readonly number[], usefulness: (id: number) => number): Promise<void> {
    const { ctx, spec, held } = this.#parts
    const { tuning, nodes, cacheEntries, signal } = ctx
    const wanted = [...new Set(ids)].filter((id) => !this.#known(id))
    if (wanted.length < tuning.scanMin) return
    const sorted = wanted
      .map((id) => ({ id, code: nodes.values[id]! }))
      .sort((a, b) => compareKeys(a.code, b.code))
    const wantedSet = new Set(wanted)
    const room = { entries: cacheEntries - this.#cache.entries }
    const ways = Math.max(1, Math.min(tuning.scanWays, Math.floor(sorted.length / tuning.scanMin)))
    const generation = held?.generation
    const parts: Array<Map<number, AdjList>> = []
    for (const family of spec.families) {
      const size = Math.ceil(sorted.length / ways)
      const ranges = []
      for (let at = 0; at < sorted.length; at += size) {
        const end = at + size < sorted.length ? sorted[at + size]!.code : undefined
        const range = { family, wanted: sorted.slice(at, at + size), end, generation }
        ranges.push(this.#scan(range, wantedSet, usefulness, room))
      }
      const found = new Map<number, AdjList>()
      for (const range of await Promise.all(ranges))
        for (const [id, list] of range) found.set(id, list)
      parts.push(found)
      if (signal?.aborted) return
    }
    // Scans put whole adjacency straight into the held tables; what they return is the rest.
    const [first, second] = parts as [Map<number, AdjList>, Map<number, AdjList> | undefined]
    for (const [id, list] of first) {
      let whole = list
      if (second) {
        const other = second.get(id)
        if (!other) continue
        whole = concatLists(list, other)
      }
      if (held?.has(id)) continue // the held tables serve it
      if (wantedSet.has(id)) this.#cache.pin(id, whole)
      else this.#cache.put(id, whole)
    }
  }

  /**
   * One sequential scan of a family, from the first wanted node to `end` (the code of the next
   * range's first wanted node) or the family's end. It gives up once the keys it read and could
   * not use cost more than the seeks it saved (plus a slack), leaving the rest to seeks.
   *
   * Lists of whole adjacency go straight into the held tables as each owner ends, while no
   * change has committed since `generation` (one that did dropped the lists it made stale, and
   * later lists come from a snapshot older than it): a scan of a million edges then holds no
   * list of its own until it ends, so they die young instead of filling the old generation.
   */
  async #scan(
    range: {
      family: Family
      wanted: ReadonlyArray<{ id: number; code: string }>
      end: string | undefined
      generation: number | undefined
    },
    wantedSet: ReadonlySet<number>,
    usefulness: (id: number) => number,
    room: { entries: number },
  ): Promise<Map<number, AdjList>> {
    const { ctx, spec, filter, held, stats } = this.#parts
    const { nodes, types, store, access, signal, tuning } = ctx
    const { family, wanted, end, generation } = range
    const found = new Map<number, AdjList>()
    const keep = (owner: number, list: AdjList, weight: number) => {
      if (weight > NEEDED) {
        if (room.entries < list.nodes.length + 1) return
        room.entries -= list.nodes.length + 1
      }
      if (!held?.keep(family, owner, list, generation)) found.set(owner, list)
    }
    const prefix = FAMILY_PREFIX[family]
    const reversed = family === 'in'
    const props = spec.props
    const { seekKeys, slackKeys } = tuning
    const slack = slackKeys + (seekKeys * wanted.length) / 2
    let next = 0
    let served = 0
    let waste = 0
    let owner = -1
    let ownerPrefix = ''
    let list: ListBuilder | undefined
    let weight = USELESS
    let complete = true
    let count = 0
    const edgeType = typeRun(types, filter)
    const selector = {
      start: prefix + wanted[0]!.code,
      end: end === undefined ? prefixUpperBound(prefix)! : prefix + end,
    }
    stats.scans++
    const source = props ? batched(store.entries(selector)) : access.keyBatches(store, selector)
    scan: for await (const batch of source) {
      for (let b = 0; b < batch.length; b++) {
        const item = batch[b]!
        const key = typeof item === 'string' ? item : item.key
        if (owner < 0 || !key.startsWith(ownerPrefix)) {
          if (list) keep(owner, list, weight)
          const ownerEnd = edgeKeyOwnerEnd(key)
          ownerPrefix = key.slice(0, ownerEnd)
          const code = key.slice(FAMILY_LENGTH, ownerEnd)
          // Wanted nodes the scan passed without seeing a key have no edges in this family.
          while (next < wanted.length && compareKeys(wanted[next]!.code, code) < 0) {
            keep(wanted[next]!.id, emptyList(reversed, props), NEEDED)
            next++
            served++
          }
          owner = nodes.id(code)
          if (next < wanted.length && wanted[next]!.id === owner) {
            next++
            served++
            weight = NEEDED
          } else if (wantedSet.has(owner) || found.has(owner) || this.#known(owner)) {
            weight = USELESS
          } else {
            weight = usefulness(owner)
            if (weight < USELESS && room.entries <= 0) weight = USELESS
          }
          list = weight < USELESS ? emptyList(reversed, props) : undefined
        }
        if (list) {
          const typeEnd = edgeType.endIn(key, ownerPrefix.length)
          const typeId = edgeType.value
          if (typeId >= 0) {
            list.types.push(typeId)
            list.nodes.push(nodes.idIn(key, typeEnd, key.length))
            if (list.props) list.props.push((item as { value: Props }).value)
          }
        }
        waste += weight
        count++
        if (waste > seekKeys * served + slack || ((count & 1023) === 0 && signal?.aborted)) {
          complete = false
          break scan
        }
      }
    }
    stats.scannedKeys += count
    if (complete) {
      if (list) keep(owner, list, weight)
      for (; next < wanted.length; next++)
        keep(wanted[next]!.id, emptyList(reversed, props), NEEDED)
    }
    return found
  }
}

/** Groups a stream of records into arrays (the keys-only scan reads arrays from the store). */
async function* batched<T>(items: AsyncIterable<T>, size = 1000): AsyncGenerator<T[]> {
  let batch: T[] = []
  for await (const item of items) {
    batch.push(item)
    if (batch.length === size) {
      yield batch
      batch = []
    }
  }
  if (batch.length > 0) yield batch
}
