import { openStore } from '@kvgraph/core'
import { describe } from 'vitest'
import { leaseRestartTest } from './helpers/lease-restart.js'
import { useStores } from './helpers/stores.js'

const { path } = useStores()

describe('leveldb: consumer leases across a restart', () => {
  let location = ''
  leaseRestartTest(
    () => {
      location = path()
      return openStore(location)
    },
    () => openStore(location),
  )
})
