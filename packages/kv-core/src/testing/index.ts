import { commitSuite } from './commit-suite.js'
import { errorsSuite } from './errors-suite.js'
import { lifecycleSuite } from './lifecycle-suite.js'
import { liveSuite } from './live-suite.js'
import { modelSuite } from './model-suite.js'
import { mutateSuite } from './mutate-suite.js'
import { namespaceSuite } from './namespace-suite.js'
import { patchSuite } from './patch-suite.js'
import { recordsSuite } from './records-suite.js'
import { scanSuite } from './scan-suite.js'
import { streamSuite } from './stream-suite.js'
import type { ConformanceTarget } from './target.js'

export { ManualClock } from './clock.js'
export type { Fault, FaultCounts, FaultInjector, FaultPlan } from './faults.js'
export { injectedIoError, injectFaults } from './faults.js'
export { mergePatch } from './store-model.js'
export type { StoreModelOptions } from './store-model-suite.js'
export { storeModelSuite } from './store-model-suite.js'
export { expectGapFree, replay } from './stream-suite.js'
export type { ConformanceTarget } from './target.js'
export { rejectsWithCode } from './target.js'

export interface ConformanceOptions {
  /** Runs of the model-based property test (default 1,000). */
  modelRuns?: number
}

/**
 * The store conformance suite: registers vitest tests that every engine must pass.
 * Call it from a test file with a target that opens fresh, empty stores.
 */
export function storeConformance(
  target: ConformanceTarget,
  options: ConformanceOptions = {},
): void {
  recordsSuite(target)
  patchSuite(target)
  scanSuite(target)
  mutateSuite(target)
  errorsSuite(target)
  namespaceSuite(target)
  streamSuite(target)
  liveSuite(target)
  lifecycleSuite(target)
  commitSuite(target)
  modelSuite(target, options.modelRuns ?? 1000)
}
