import { deleteInBatchesTests } from './helpers/delete-batches.js'
import { ENGINES, useStores } from './helpers/stores.js'

const { open } = useStores()
for (const engine of ENGINES) deleteInBatchesTests(engine, () => open(engine))
