import { realpathSync } from 'node:fs'
import { basename, dirname, resolve } from 'node:path'

/**
 * Paths of the LevelDB databases this process has open. LevelDB drops its file lock when a
 * second open of the same path fails inside one process, so the second open must be refused
 * before it ever reaches LevelDB.
 */
const openPaths = new Set<string>()

/** A canonical identity for a database path, whether or not it exists yet. */
export function canonicalPath(location: string): string {
  const absolute = resolve(location)
  try {
    return realpathSync(absolute)
  } catch {
    try {
      return `${realpathSync(dirname(absolute))}/${basename(absolute)}`
    } catch {
      return absolute
    }
  }
}

/** Claims a path; returns a release function, or undefined when it is already claimed. */
export function claimPath(path: string): (() => void) | undefined {
  if (openPaths.has(path)) return undefined
  openPaths.add(path)
  let released = false
  return () => {
    if (released) return
    released = true
    openPaths.delete(path)
  }
}
