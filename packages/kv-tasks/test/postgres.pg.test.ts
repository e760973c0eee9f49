import { openStore } from '@kvgraph/core'
import { inject } from 'vitest'
import { tasksSuite } from './suite/index.js'

declare module 'vitest' {
  export interface ProvidedContext {
    postgresUrl: string
  }
}

// The task suite on PostgreSQL: every test on a table of its own on the test server.
let tables = 0
tasksSuite({
  name: 'postgres',
  open: (options) => {
    const url = new URL(inject('postgresUrl'))
    url.searchParams.set('table', `tasks_${process.pid}_${Date.now().toString(36)}_${tables++}`)
    return openStore(url.toString(), options)
  },
})
