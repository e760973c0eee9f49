import type { Store } from '@kvgraph/core'
import { changeTests } from './change-tests.js'
import { coordinationTests } from './coordination-tests.js'
import { graphTests } from './graph-tests.js'
import { kvTests } from './kv-tests.js'
import { protocolTests } from './protocol-tests.js'

export interface SuiteTarget {
  name: string
  /** A fresh, empty store. */
  open: () => Promise<Store>
  /** The database password, where the store's location has one (it must never be shown). */
  password?: string
}

/** Every route against a real server on a real port, on one engine. */
export function serverSuite(target: SuiteTarget): void {
  kvTests(target)
  graphTests(target)
  changeTests(target)
  coordinationTests(target)
  protocolTests(target)
}
