// The example in Chromium: vite builds it without a warning; people and follows go in through
// the forms, followers, the shortest path and the mermaid drawing show them, and everything is
// still there after a reload. Saves the screenshot used in docs/browser.md.
import { mkdirSync, mkdtempSync, rmSync } from 'node:fs'
import { tmpdir } from 'node:os'
import { join } from 'node:path'
import { fileURLToPath } from 'node:url'
import type { Browser, Page } from 'playwright-core'
import { build, createLogger } from 'vite'
import { afterAll, beforeAll, describe, expect, it } from 'vitest'
import { launchChromium } from '../../../test/browser/harness/chromium.js'
import { type PageServer, serveDirectory } from '../../../test/browser/harness/server.js'

const root = fileURLToPath(new URL('..', import.meta.url))
const screenshot = fileURLToPath(
  new URL('../../../docs/images/browser-example.png', import.meta.url),
)
const outDir = mkdtempSync(join(tmpdir(), 'kvgraph-example-browser-'))
const warnings: string[] = []
let server: PageServer
let browser: Browser

beforeAll(async () => {
  const logger = createLogger('warn')
  logger.warn = (message) => void warnings.push(message)
  logger.warnOnce = (message) => void warnings.push(message)
  await build({
    root,
    logLevel: 'warn',
    customLogger: logger,
    build: { outDir, emptyOutDir: true },
  })
  server = await serveDirectory(outDir)
  browser = await launchChromium()
}, 180_000)
afterAll(async () => {
  await browser?.close()
  await server?.close()
  rmSync(outDir, { recursive: true, force: true })
})

async function submit(page: Page, form: string, values: Record<string, string>): Promise<void> {
  for (const [name, value] of Object.entries(values)) {
    const input = page.locator(`${form} [name="${name}"]`)
    if ((await input.evaluate((el) => el.tagName)) === 'SELECT') await input.selectOption(value)
    else await input.fill(value)
  }
  await page.locator(`${form} button`).click()
}

// The page loads mermaid and opens IndexedDB: seconds on a loaded machine.
const poll = <T>(read: () => Promise<T>) => expect.poll(read, { timeout: 30_000 })
const listed = (page: Page) => page.locator('#followers li').allTextContents()
const drawnNodes = (page: Page) => page.locator('#drawing svg g.node').count()

describe('examples/browser in Chromium', () => {
  it('vite builds the example without a warning', () => {
    expect(warnings).toEqual([])
  })

  it('keeps a social graph in IndexedDB through the forms, across a reload', async () => {
    const page = await browser.newPage({ viewport: { width: 1000, height: 700 } })
    await page.goto(server.url)
    await poll(() => page.textContent('#status')).toBe('0 people, kept in IndexedDB')
    for (const name of ['ada', 'bob', 'cy', 'dee']) await submit(page, '#add-person', { name })
    await poll(() => page.textContent('#status')).toBe('4 people, kept in IndexedDB')
    for (const [from, to] of [
      ['ada', 'bob'],
      ['bob', 'cy'],
      ['dee', 'bob'],
      ['cy', 'dee'],
    ])
      await submit(page, '#add-follow', { from: from!, to: to! })
    await page.locator('#followers-form select').selectOption('bob')
    await poll(() => listed(page)).toEqual(['ada', 'dee'])
    await submit(page, '#path-form', { from: 'ada', to: 'dee' })
    await poll(() => page.textContent('#path')).toBe('ada → bob → cy → dee')
    await poll(() => drawnNodes(page)).toBe(4)
    mkdirSync(join(screenshot, '..'), { recursive: true })
    await page.screenshot({ path: screenshot, fullPage: true })

    await page.reload()
    await poll(() => page.textContent('#status')).toBe('4 people, kept in IndexedDB')
    await page.locator('#followers-form select').selectOption('bob')
    await poll(() => listed(page)).toEqual(['ada', 'dee'])
    await poll(() => drawnNodes(page)).toBe(4)
    await page.close()
  })
})
