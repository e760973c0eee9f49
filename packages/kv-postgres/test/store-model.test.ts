import { type OpenStoreOptions, openStore, type Store } from '@kvgraph/core'
import { storeModelSuite } from '@kvgraph/core/testing'
import { afterAll } from 'vitest'
import { engines, uniqueTable } from './helpers.js'

// The whole-store model test on PostgreSQL: 1,000 runs, with short command sequences so the
// run stays modest (each command is a round trip or a few).
const opened = engines()
afterAll(() => opened.cleanup())

async function openPostgres(options?: OpenStoreOptions): Promise<Store> {
  return openStore(await opened.open(uniqueTable('model')), options)
}

storeModelSuite({ name: 'postgres', open: openPostgres }, { runs: 1000, maxSteps: 5 })
