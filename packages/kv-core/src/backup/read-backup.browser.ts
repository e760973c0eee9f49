// The browser's read-backup.js (package.json `browser` map): backup files need Node's I/O.

import { nodeOnly } from './node-only.js'
import type { OpenedBackup } from './read-backup.js'

export async function readBackup(_input: unknown, method: string): Promise<OpenedBackup> {
  throw nodeOnly(method)
}
