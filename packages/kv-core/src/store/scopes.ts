import { invalidArgument } from '../errors.js'
import type { Scope } from './store-core.js'

/**
 * Each Store's scope, set by its constructor. Module-private, so the internal functions
 * (`@kvgraph/core/internal`) reach a store's engine without public methods, and a Store is
 * recognised by being here, not by the shape of its methods.
 */
const scopes = new WeakMap<object, Scope>()

export function registerScope(store: object, scope: Scope): void {
  scopes.set(store, scope)
}

/** True for a Store made by this copy of @kvgraph/core (openStore or namespace). */
export function hasScope(value: unknown): boolean {
  return typeof value === 'object' && value !== null && scopes.has(value)
}

/** The scope of a Store; `method` names the caller in the error for anything else. */
export function scopeOf(store: unknown, method: string): Scope {
  const scope = typeof store === 'object' && store !== null ? scopes.get(store) : undefined
  if (scope === undefined) throw invalidArgument(`${method}: store`, 'a Store', store)
  return scope
}
