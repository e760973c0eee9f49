import { openStore } from '@kvgraph/core'
import { inject } from 'vitest'
import { onlineSuite } from './online-suite.js'

declare module 'vitest' {
  export interface ProvidedContext {
    postgresUrl: string
  }
}

let tables = 0
onlineSuite({
  name: 'PostgreSQL',
  open: (options) => {
    const url = new URL(inject('postgresUrl'))
    url.searchParams.set('table', `online_${process.pid}_${Date.now().toString(36)}_${tables++}`)
    return openStore(url.toString(), options)
  },
})
