import { inject } from 'vitest'

declare module 'vitest' {
  export interface ProvidedContext {
    postgresUrl: string
  }
}

/** A URL of the test server (test/setup/postgres.ts) for a table no other test uses. */
export function postgresTableUrl(label: string): string {
  const url = new URL(inject('postgresUrl'))
  url.searchParams.set('table', `${label}_${process.pid}_${Date.now().toString(36)}`)
  return url.toString()
}
