import { openStore } from '@kvgraph/core'
import { describe } from 'vitest'
import { leaseRestartTest } from './helpers/lease-restart.js'
import { postgresTableUrl } from './helpers/postgres-url.js'

describe('postgres: consumer leases across a restart', () => {
  const url = postgresTableUrl('lease_restart')
  leaseRestartTest(
    () => openStore(url),
    () => openStore(url),
  )
})
