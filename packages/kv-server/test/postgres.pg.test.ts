import { openStore } from '@kvgraph/core'
import { inject } from 'vitest'
import { serverSuite } from './suite/index.js'

declare module 'vitest' {
  export interface ProvidedContext {
    postgresUrl: string
  }
}

// The route suite on PostgreSQL: every test on a table of its own on the test server.
let tables = 0
serverSuite({
  name: 'postgres',
  password: new URL(inject('postgresUrl')).password,
  open: () => {
    const url = new URL(inject('postgresUrl'))
    url.searchParams.set('table', `server_${process.pid}_${Date.now().toString(36)}_${tables++}`)
    return openStore(url.toString())
  },
})
