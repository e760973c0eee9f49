// Page-side helpers for the reload and two-tab tests: the built @kvgraph/core as an app
// bundles it. The Node test drives them through page.evaluate.
import { type JsonValue, openStore, type Store } from '@kvgraph/core'

let store: Store | undefined
const acknowledged: string[] = []

async function open(name: string): Promise<string> {
  try {
    store = await openStore(name)
    return 'open'
  } catch (error) {
    return (error as { code?: string }).code ?? String(error)
  }
}

/** Starts `count` puts at once; each key is listed as acknowledged when its promise resolves. */
function startWrites(count: number, bytes = 16): void {
  const value = 'x'.repeat(bytes)
  for (let i = 0; i < count; i++) {
    const key = `k/${String(i).padStart(6, '0')}`
    store!.put(key, { i, value }).then(
      () => acknowledged.push(key),
      () => {},
    )
  }
}

async function keys(prefix: string): Promise<string[]> {
  const found: string[] = []
  for await (const entry of store!.entries({ prefix })) found.push(entry.key)
  return found
}

Object.assign(globalThis, {
  kv: {
    open,
    startWrites,
    keys,
    acknowledged: () => [...acknowledged],
    put: (key: string, value: JsonValue) => store!.put(key, value).then(() => 'ok'),
    get: (key: string) => store!.get(key).then((record) => record?.value ?? null),
    close: () => store!.close(),
  },
})
