export type { CommitListener, CommittedChange } from './commit-listeners.js'
export type { Consumer, ConsumerOptions, ConsumerStatus } from './consumer.js'
export type {
  EngineIterator,
  EngineKeyIterator,
  EngineRange,
  EngineTxn,
  KvEngine,
} from './engine.js'
export { describe as describeValue, KvError, type KvErrorCode } from './errors.js'
export {
  type JsonObject,
  type JsonPrimitive,
  type JsonProblem,
  type JsonValue,
  jsonProblem,
} from './json.js'
export { compareKeys, defaultType, MAX_KEY_BYTES, prefixUpperBound } from './keys.js'
export type { LockStatus } from './locks.js'
export { mergePatch } from './merge-patch.js'
export type { KvMutation } from './mutations.js'
export { type OpenStoreOptions, openStore } from './open-store.js'
export type { PrefixGroup } from './prefix-groups.js'
export type { KvRecord } from './record.js'
export type { KvPage, KvValuePage, ScanOptions } from './scan.js'
export type { KvSelector } from './selector.js'
export {
  type DeleteOptions,
  type EntriesOptions,
  type KeyBatchOptions,
  type PatchOptions,
  type PutOptions,
  Store,
} from './store.js'
export type { StreamEntry, StreamQuery } from './stream.js'
export type { WatchEvent, WatchOptions } from './watch.js'
