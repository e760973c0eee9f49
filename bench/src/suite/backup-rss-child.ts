/**
 * The RSS a backup adds, in a process of its own (nothing the bench allocated before blurs it):
 * opens the store at argv[2], backs it up to argv[3] while sampling RSS every 10 ms, and prints
 * one JSON line `{ before, peak, records }`. Spawned by backup.ts with --expose-gc.
 */
import { openStore } from '@kvgraph/core'
import { RssSampler } from './rss.js'

const store = await openStore(process.argv[2]!)
global.gc?.()
const sampler = new RssSampler()
const before = sampler.start()
const info = await store.backup(process.argv[3]!)
const peak = sampler.stop()
await store.close()
process.stdout.write(`${JSON.stringify({ before, peak, records: info.records })}\n`)
