import { openStore, type Store } from '@kvgraph/core'
import { afterEach } from 'vitest'
import { deleteInBatchesTests } from './helpers/delete-batches.js'
import { postgresTableUrl } from './helpers/postgres-url.js'

const opened: Store[] = []
afterEach(async () => {
  for (const store of opened.splice(0)) await store.close()
})
deleteInBatchesTests('postgres', async () => {
  const store = await openStore(postgresTableUrl('delete_batches'))
  opened.push(store)
  return store
})
