// The browser's write-backup.js (package.json `browser` map): backup files need Node's I/O.

import { nodeOnly } from './node-only.js'
import type { Written } from './write-backup.js'

export async function writeBackup(..._args: unknown[]): Promise<Written> {
  throw nodeOnly('store.backup')
}
