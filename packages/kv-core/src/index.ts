export type {
  EngineInfo,
  EngineIterator,
  EngineKeyIterator,
  EngineRange,
  EngineSnapshot,
  EngineTxn,
  KvEngine,
  ReplicationPeer,
} from './engine/engine.js'
export type { StoreLocation } from './engine/open-engine.js'
export {
  CodedError,
  describe as describeValue,
  KvError,
  type KvErrorCode,
  type KvOutcome,
} from './errors.js'
export type { LockStatus } from './locks/locks.js'
export type { CommittedChange } from './records/changes.js'
export {
  type JsonObject,
  type JsonPrimitive,
  type JsonProblem,
  type JsonValue,
  jsonProblem,
} from './records/json.js'
export { compareKeys, defaultType, MAX_KEY_BYTES, prefixUpperBound } from './records/keys.js'
export { mergePatch } from './records/merge-patch.js'
export type { KvRecord } from './records/record.js'
export type { KvPage, KvValuePage, ScanOptions } from './scan/pages.js'
export type { PrefixGroup } from './scan/prefix-groups.js'
export type { KvSelector } from './scan/selector.js'
export {
  type BackupInfo,
  type BackupOptions,
  type BackupProgress,
  type CopyOptions,
  copyStore,
  type ProgressListener,
  type Restored,
  type RestoreOptions,
  type VerifiedBackup,
  verifyBackup,
} from './store/backups.js'
export { type OpenStoreOptions, openStore } from './store/open-store.js'
export type {
  DeleteOptions,
  EntriesOptions,
  KeyBatchOptions,
  PatchOptions,
  PutOptions,
} from './store/options.js'
export { Store } from './store/store.js'
export type { CommitListener } from './stream/commit-listeners.js'
export type { Consumer, ConsumerOptions, ConsumerStatus } from './stream/consumer.js'
export type { StreamEntry, StreamQuery } from './stream/stream.js'
export type { WatchEvent, WatchOptions } from './stream/watch.js'
export type { KvMutation } from './writes/mutations.js'
