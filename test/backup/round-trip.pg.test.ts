import { openStore } from '@kvgraph/core'
import { inject } from 'vitest'
import {
  type EngineUnderTest,
  levelEngine,
  memoryEngine,
  roundTripSuite,
} from './round-trip-suite.js'

declare module 'vitest' {
  export interface ProvidedContext {
    postgresUrl: string
  }
}

// Every pair with PostgreSQL on one side or both: each store on a table of its own.
let tables = 0
const postgres: EngineUnderTest = {
  name: 'PostgreSQL',
  open: (options) => {
    const url = new URL(inject('postgresUrl'))
    url.searchParams.set('table', `backup_${process.pid}_${Date.now().toString(36)}_${tables++}`)
    return openStore(url.toString(), options)
  },
}
const level = levelEngine()
roundTripSuite([postgres], [memoryEngine, level, postgres])
roundTripSuite([memoryEngine, level], [postgres])
