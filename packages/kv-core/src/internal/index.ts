/**
 * @kvgraph/core/internal: what the other @kvgraph packages share with the store. Internal: not
 * covered by semver, may change in any release; applications use the main entry point.
 */

export { overlayStaged } from '../engine/engine.js'
/** A turn of the event loop, in Node and in a browser (traversals pause with it). */
export { yieldToLoop } from '../engine/turns.js'
export type { CommittedChange } from '../records/changes.js'
export { isPlainObject } from '../records/json.js'
export {
  componentEnd,
  decodeTuple,
  encodeComponent,
  TERMINATOR,
  unescapeComponent,
} from '../records/key-codec.js'
export { utf8Length } from '../records/utf8.js'
export type { KvValuePage } from '../scan/pages.js'
export type { PrefixGroup } from '../scan/prefix-groups.js'
export {
  hearsEveryCommit,
  isShared,
  isStore,
  keyBatches,
  onCommit,
  prefixGroups,
  rawKeyBatches,
  scanValues,
  syncCommits,
} from '../store/internal-api.js'
export type { KeyBatchOptions } from '../store/options.js'
export type { CommitListener } from '../stream/commit-listeners.js'
