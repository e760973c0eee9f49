// The store's life in a real tab: acknowledged writes survive a reload, one tab owns a store
// (KV_LOCKED for a second, until close() or the tab goes away). A full quota (KV_QUOTA) is
// tested in Node (packages/kv-core/test/browser-portable.test.ts): headless Chromium here ignores
// the DevTools quota override, and filling a 10 GiB quota is no test.
import { fileURLToPath } from 'node:url'
import type { Browser, Page } from 'playwright-core'
import { afterAll, beforeAll, describe, expect, it } from 'vitest'
import { bundlePage } from './harness/bundle.js'
import { launchChromium } from './harness/chromium.js'
import { type PageServer, servePages } from './harness/server.js'

const entry = fileURLToPath(new URL('page/lifecycle.page.ts', import.meta.url))
let server: PageServer
let browser: Browser

beforeAll(async () => {
  const { code, warnings } = await bundlePage(entry)
  expect(warnings).toEqual([])
  server = await servePages({ '/page.js': code })
  browser = await launchChromium()
})
afterAll(async () => {
  await browser?.close()
  await server?.close()
})

async function ready(page: Page): Promise<Page> {
  await page.goto(server.url)
  await page.waitForFunction('typeof kv === "object"')
  return page
}
const call = <T>(page: Page, script: string) => page.evaluate(script) as Promise<T>

describe('in Chromium', () => {
  it('every acknowledged write is there after a reload, even with writes in flight', async () => {
    const context = await browser.newContext()
    const page = await ready(await context.newPage())
    expect(await call(page, 'kv.open("reload")')).toBe('open')
    await call(page, 'kv.startWrites(3000)')
    await page.waitForFunction('kv.acknowledged().length >= 500')
    const acked = await call<string[]>(page, 'kv.acknowledged()')
    await page.reload() // no close(): the tab goes away with writes in flight
    await page.waitForFunction('typeof kv === "object"')
    // The lock went with the old document, so the reloaded tab owns the store again.
    expect(await call(page, 'kv.open("reload")')).toBe('open')
    const stored = new Set(await call<string[]>(page, 'kv.keys("k/")'))
    expect(acked.length).toBeGreaterThanOrEqual(500)
    expect(acked.filter((key) => !stored.has(key))).toEqual([])
    await context.close()
  })

  it('a second tab gets KV_LOCKED until the first closes the store; a closed tab frees it', async () => {
    const context = await browser.newContext()
    const first = await ready(await context.newPage())
    const second = await ready(await context.newPage())
    expect(await call(first, 'kv.open("shared")')).toBe('open')
    expect(await call(first, 'kv.put("greeting", "hello")')).toBe('ok')
    expect(await call(second, 'kv.open("shared")')).toBe('KV_LOCKED')
    await call(first, 'kv.close()')
    expect(await call(second, 'kv.open("shared")')).toBe('open')
    expect(await call(second, 'kv.get("greeting")')).toBe('hello')
    // A tab that goes away without close() releases the store too.
    const third = await ready(await context.newPage())
    expect(await call(third, 'kv.open("shared")')).toBe('KV_LOCKED')
    await second.close()
    await expect.poll(() => call(third, 'kv.open("shared")'), { timeout: 10_000 }).toBe('open')
    await context.close()
  })
})
