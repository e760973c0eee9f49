import {
  keyBatches,
  onCommit,
  prefixGroups,
  rawKeyBatches,
  scanValues,
} from '@kvgraph/core/internal'

// The store calls kv-graph makes beyond the public Store API, in one place: free functions of
// `@kvgraph/core/internal` (the store first, then the arguments).

export { hearsEveryCommit, isShared, isStore, syncCommits } from '@kvgraph/core/internal'

/**
 * The calls the reading strategies and writes make, as one object, so a test can hand a Graph
 * a counting or gated copy (internal; see GraphInternals).
 */
export const STORE_ACCESS = { scanValues, keyBatches, rawKeyBatches, prefixGroups, onCommit }
export type StoreAccess = typeof STORE_ACCESS
