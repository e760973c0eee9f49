/** A committed change to one record, as in-process commit listeners hear it. */
export interface CommittedChange {
  action: 'create' | 'update' | 'delete' | 'expire'
  /** The key inside the store space the listener is registered on. */
  key: string
  version: number
  type: string
}

/** A committed change, as the change stream records it. */
export interface Change extends CommittedChange {
  /** The new value's JSON; for delete and expire, the last value's. */
  valueJson: string
}
