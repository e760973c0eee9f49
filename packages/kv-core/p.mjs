import { execFileSync } from 'node:child_process'
import { openStore } from '@kvgraph/core'

const dir = '/tmp/kv-lockprobe/db'
const s = await openStore(dir)
await s.put('a', 1)
const script = `const { ClassicLevel } = require('classic-level'); const db = new ClassicLevel(process.argv[1]); db.open().then(() => console.log('opened'), (e) => console.log(e.cause?.code ?? e.code, e.message))`
console.log(execFileSync(process.execPath, ['-e', script, dir]).toString())
await s.close()
