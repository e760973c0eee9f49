/**
 * A restoring process for the crash test, run with `node --import tsx`: restores FILE into the
 * LevelDB store at TARGET, prints `midway` once some batches are written and then blocks
 * (the parent SIGKILLs it there, mid-restore).
 */
import { openStore } from '../../../src/index.js'

const store = await openStore(process.env.TARGET!, { force: true })
await store.restore(process.env.FILE!, {
  onProgress: ({ entries }) => {
    if (entries < 7000) return
    process.stdout.write('midway\n')
    Atomics.wait(new Int32Array(new SharedArrayBuffer(4)), 0, 0, 60_000)
  },
})
process.stdout.write('finished\n')
