import { openStore } from '@kvgraph/core'
import { describe, inject } from 'vitest'
import { leaseRestartTest } from './helpers/lease-restart.js'

declare module 'vitest' {
  export interface ProvidedContext {
    postgresUrl: string
  }
}

describe('postgres: consumer leases across a restart', () => {
  const url = new URL(inject('postgresUrl'))
  url.searchParams.set('table', `lease_restart_${process.pid}_${Date.now().toString(36)}`)
  leaseRestartTest(
    () => openStore(url.toString()),
    () => openStore(url.toString()),
  )
})
