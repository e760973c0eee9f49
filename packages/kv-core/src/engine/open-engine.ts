import { invalidArgument, KvError } from '../errors.js'
import type { KvEngine } from './engine.js'
import type { AnyLevel } from './level/any-level.js'
import { isAbstractLevel, openAbstractLevel, openLevelDb } from './level/open-level.js'
import { openMemoryEngine } from './memory/open-memory.js'

/** What openStore accepts as a location. */
export type StoreLocation = string | AnyLevel | KvEngine

/** The package that holds the PostgreSQL engine: installed only by those who use it. */
export const POSTGRES_PACKAGE = '@kvgraph/postgres'

const POSTGRES_URL = /^postgres(?:ql)?:\/\//i
const ANY_URL = /^[a-z][a-z0-9+.-]*:\/\//i

/** Loads a module by name (a seam, so a test can play an install without the package). */
export type ModuleLoader = (name: string) => Promise<unknown>
const importModule: ModuleLoader = (name) => import(/* @vite-ignore */ name)

/**
 * The engine for a location: ':memory:', a `postgres://` URL (through @kvgraph/postgres), a
 * LevelDB directory path, an abstract-level database, or a KvEngine itself. `release` runs once
 * the store is closed.
 */
export async function openEngine(
  location: StoreLocation,
  sync: boolean,
  load: ModuleLoader = importModule,
): Promise<{ engine: KvEngine; release?: () => void }> {
  if (location === ':memory:') return { engine: await openMemoryEngine(sync) }
  if (typeof location === 'string') {
    if (POSTGRES_URL.test(location)) return { engine: await openPostgres(location, load) }
    // Any other URL would otherwise become a LevelDB folder named after it.
    if (ANY_URL.test(location)) {
      throw invalidArgument(
        'openStore: location',
        "a directory path, ':memory:' or a postgres:// URL",
        location.replace(/\/\/[^@/]*@/, '//***@'),
      )
    }
    if (location === '')
      throw invalidArgument('openStore: location', 'a non-empty directory path', location)
    return openLevelDb(location, sync)
  }
  if (isAbstractLevel(location)) return openAbstractLevel(location, sync)
  if (isKvEngine(location)) return { engine: location }
  throw invalidArgument(
    'openStore: location',
    "a directory path, ':memory:', a postgres:// URL, an abstract-level database or a KvEngine",
    location,
  )
}

async function openPostgres(url: string, load: ModuleLoader): Promise<KvEngine> {
  let module: { PostgresEngine?: { open(url: string): Promise<KvEngine> } }
  try {
    module = (await load(POSTGRES_PACKAGE)) as typeof module
  } catch (error) {
    if (!isModuleNotFound(error)) throw error
    // The URL is not shown: it may hold a password.
    throw new KvError(
      'KV_INVALID_ARGUMENT',
      `openStore: a postgres:// location needs the package ${POSTGRES_PACKAGE}: npm install ${POSTGRES_PACKAGE}`,
      { cause: error },
    )
  }
  if (typeof module.PostgresEngine?.open !== 'function')
    throw new KvError('KV_INVALID_ARGUMENT', `openStore: ${POSTGRES_PACKAGE} has no PostgresEngine`)
  return module.PostgresEngine.open(url)
}

function isModuleNotFound(error: unknown): boolean {
  const code = (error as { code?: unknown } | null)?.code
  return code === 'ERR_MODULE_NOT_FOUND' || code === 'MODULE_NOT_FOUND'
}

/** A KvEngine by shape: the methods the store calls. */
export function isKvEngine(value: unknown): value is KvEngine {
  if (typeof value !== 'object' || value === null) return false
  const engine = value as Record<string, unknown>
  return (
    typeof engine.name === 'string' &&
    ['get', 'getMany', 'iterator', 'keys', 'transact', 'close'].every(
      (method) => typeof engine[method] === 'function',
    )
  )
}
