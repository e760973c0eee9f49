/** The part of the Web Locks API used here (the store's tsconfig has no DOM types). */
interface WebLocks {
  request(
    name: string,
    options: { ifAvailable: boolean },
    work: (lock: unknown) => Promise<void> | undefined,
  ): Promise<unknown>
}

/**
 * Claims a browser database for this tab with the Web Locks API, which the browser shares
 * across the tabs and workers of one origin and releases when the tab goes away. Returns a
 * release function, or undefined when another tab (or this one) holds the database.
 */
export function claimTab(name: string): Promise<(() => void) | undefined> {
  const locks = (globalThis as { navigator?: { locks?: WebLocks } }).navigator?.locks
  // Without Web Locks (an insecure origin) there is nothing to claim with.
  if (!locks) return Promise.resolve(() => {})
  return new Promise((resolve, reject) => {
    locks
      .request(`kvgraph:${name}`, { ifAvailable: true }, (lock) => {
        if (lock === null) {
          resolve(undefined)
          return undefined
        }
        // The lock is held until this promise settles: until release() is called.
        return new Promise<void>((release) => resolve(() => release()))
      })
      .catch(reject)
  })
}
