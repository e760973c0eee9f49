import { mkdirSync, statSync } from 'node:fs'
import { dirname } from 'node:path'
import { KvError } from '../../errors.js'

/**
 * Creates a database directory and its missing parents, one level at a time, before
 * classic-level sees it. A recursive mkdir (classic-level's own) never returns on some file
 * systems (procfs: /proc/nope/db), and gives a raw EEXIST or ENOTDIR for a path under a regular
 * file: each step here fails at once with a KvError naming the path. `shown` is the path as the
 * caller gave it.
 */
export function makeDirectory(path: string, shown: string): void {
  const missing: string[] = []
  let dir = path
  for (;;) {
    const kind = kindOf(dir)
    if (kind === 'directory') break
    if (kind === 'file') throw notUnder(shown, dir)
    if (kind === 'unreadable') throw ioError(shown, dir)
    missing.push(dir)
    const parent = dirname(dir)
    if (parent === dir) break
    dir = parent
  }
  for (const each of missing.reverse()) {
    try {
      mkdirSync(each)
    } catch (error) {
      const code = (error as { code?: string }).code
      if (code === 'EEXIST' && kindOf(each) === 'directory') continue // made meanwhile
      if (code === 'EEXIST' || code === 'ENOTDIR') throw notUnder(shown, each)
      throw ioError(shown, each, error)
    }
  }
}

function kindOf(path: string): 'directory' | 'file' | 'missing' | 'unreadable' {
  try {
    return statSync(path).isDirectory() ? 'directory' : 'file'
  } catch (error) {
    // ENOTDIR: a component of the path is a file; the walk up finds and names it.
    const code = (error as { code?: string }).code
    return code === 'ENOENT' || code === 'ENOTDIR' ? 'missing' : 'unreadable'
  }
}

function ioError(shown: string, dir: string, cause?: unknown): KvError {
  const reason = cause === undefined ? `${dir} cannot be read` : (cause as Error).message
  return new KvError(
    'KV_IO_ERROR',
    `openStore: cannot create the database at ${shown}: ${reason}`,
    {
      cause,
    },
  )
}

function notUnder(shown: string, blocker: string): KvError {
  return new KvError(
    'KV_INVALID_ARGUMENT',
    `openStore: cannot create the database at ${shown}: ${blocker} exists and is not a directory`,
  )
}
