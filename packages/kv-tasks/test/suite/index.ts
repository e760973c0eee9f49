import type { ConformanceTarget } from '@kvgraph/core/testing'
import { cronSuite } from './cron-suite.js'
import { queueSuite } from './queue-suite.js'
import { runnerSuite } from './runner-suite.js'

/**
 * Every rule of the task queue, over any store target: memory and LevelDB now; a PostgreSQL
 * target adds itself by calling this with its own `open`.
 */
export function tasksSuite(target: ConformanceTarget): void {
  queueSuite(target)
  runnerSuite(target)
  cronSuite(target)
}
