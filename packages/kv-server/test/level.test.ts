import { mkdtempSync, rmSync } from 'node:fs'
import { tmpdir } from 'node:os'
import { join } from 'node:path'
import { openStore } from '@kvgraph/core'
import { afterAll } from 'vitest'
import { serverSuite } from './suite/index.js'

const dir = mkdtempSync(join(tmpdir(), 'kv-server-'))
afterAll(() => rmSync(dir, { recursive: true, force: true }))
let stores = 0
serverSuite({ name: 'level', open: () => openStore(join(dir, `db-${stores++}`)) })
