import { mkdirSync } from 'node:fs'
import { readFile } from 'node:fs/promises'
import { fileURLToPath } from 'node:url'
import { openStore, type Store } from '@kvgraph/core'
import { Graph } from '@kvgraph/graph'
import { type Browser, chromium, type Page } from 'playwright-core'
import { afterAll, beforeAll, beforeEach, describe, expect, it } from 'vitest'
import { CHROMIUM_ARGS, CHROMIUM_PATH } from '../../../scripts/chromium.mjs'
import { type Harness, startServer, TOKEN } from './suite/harness.js'

// The explorer page in Debian's chromium (never a downloaded browser), against a real server.
const ARTIFACTS = fileURLToPath(new URL('../test-artifacts/', import.meta.url))
const HOSTILE = '<img src=x onerror="window.__pwned=1">'
const user = (id: string) => ({ type: 'User', id })

let browser: Browser
let store: Store
let h: Harness
let page: Page
let pageErrors: Error[]

beforeAll(async () => {
  browser = await chromium.launch({
    executablePath: CHROMIUM_PATH,
    headless: true,
    args: CHROMIUM_ARGS,
  })
  mkdirSync(ARTIFACTS, { recursive: true })
})
afterAll(async () => {
  await browser?.close()
})

beforeEach(async () => {
  store = await openStore(':memory:')
  const graph = new Graph(store)
  await graph.putNode(user('alice'), { name: 'Alice', bio: '<b>bold</b>' })
  await graph.addEdge(user('alice'), 'follows', user('bob'))
  await graph.addEdge(user('alice'), 'follows', user('carol'))
  await graph.addEdge(user('bob'), 'follows', user('dave'))
  await graph.addEdge(user('dave'), 'follows', user('erin'))
  await graph.addEdge(user('carol'), 'follows', user(HOSTILE))
  h = await startServer(store)
  page = await browser.newPage({ viewport: { width: 1100, height: 700 } })
  pageErrors = []
  page.on('pageerror', (error) => pageErrors.push(error))
  return async () => {
    await page.close()
    await h.close()
    await store.close()
  }
})

/** What the page exposes for tests: the same actions a click takes, and the drawn graph. */
interface ExplorerWindow {
  kvExplorer: {
    expand(key: string): Promise<void>
    pick(key: string): Promise<void>
    drawing: {
      graph: {
        getNodeAttribute(node: string, name: string): unknown
        mapNodes<T>(fn: (key: string, attributes: { label: string }) => T): T[]
      }
    }
  }
  __pwned?: number
  sessionStorage: { getItem(key: string): string | null }
}

const statusText = () => page.locator('#status')

describe('explorer page', () => {
  it('the deep link draws the neighbourhood and takes the token out of the address bar', async () => {
    await page.goto(`${h.url}/?type=User&id=alice&depth=1&token=${TOKEN}`)
    await expect.poll(() => statusText().textContent()).toBe('3 nodes, 2 edges')
    expect(page.url()).not.toContain(TOKEN)
    expect(
      await page.evaluate(() =>
        (globalThis as unknown as ExplorerWindow).sessionStorage.getItem('kvgraph.token'),
      ),
    ).toBe(TOKEN)
    await page.click('#show-dot')
    await expect.poll(() => page.locator('#text').textContent()).toMatch(/^digraph/)
    const download = page.waitForEvent('download')
    await page.click('#download-svg')
    const file = await download
    expect(file.suggestedFilename()).toMatch(/^User.alice\.svg$/) // the browser may replace ':'
    expect(await readFile((await file.path())!, 'utf8')).toMatch(/<svg[\s\S]*User:bob/)
  })

  it('without a token it asks for one', async () => {
    await page.goto(`${h.url}/?type=User&id=alice`)
    await expect.poll(() => page.locator('#token-form').isVisible()).toBe(true)
    await page.fill('#token', TOKEN)
    await page.click('#token-form button')
    await page.click('#find button')
    await expect.poll(() => statusText().textContent()).toBe('3 nodes, 2 edges')
  })

  it('expanding a node adds its neighbours', async () => {
    await page.goto(`${h.url}/?type=User&id=alice&depth=1&token=${TOKEN}`)
    await expect.poll(() => statusText().textContent()).toBe('3 nodes, 2 edges')
    await page.evaluate(() =>
      (globalThis as unknown as ExplorerWindow).kvExplorer.expand('User:bob'),
    )
    await expect.poll(() => statusText().textContent()).toBe('4 nodes, 3 edges')
  })

  it('picking two nodes highlights their shortest path', async () => {
    await page.goto(`${h.url}/?type=User&id=alice&depth=3&token=${TOKEN}`)
    await expect.poll(() => statusText().textContent()).toBe('6 nodes, 5 edges')
    await page.evaluate(() =>
      (globalThis as unknown as ExplorerWindow).kvExplorer.pick('User:carol'),
    )
    await page.evaluate(() =>
      (globalThis as unknown as ExplorerWindow).kvExplorer.pick('User:erin'),
    )
    await expect
      .poll(() => page.locator('#path-info').textContent())
      .toBe('path of 4 hops: User:carol → User:alice → User:bob → User:dave → User:erin')
    const colours = await page.evaluate(() => {
      const g = (globalThis as unknown as ExplorerWindow).kvExplorer.drawing.graph
      return ['User:carol', 'User:dave', 'User:erin', 'User:alice'].map((n: string) =>
        g.getNodeAttribute(n, 'color'),
      )
    })
    expect(new Set(colours).size).toBe(1)
    const off = await page.evaluate(() =>
      (globalThis as unknown as ExplorerWindow).kvExplorer.drawing.graph.getNodeAttribute(
        'User:<img src=x onerror="window.__pwned=1">',
        'color',
      ),
    )
    expect(off).not.toBe(colours[0])
    await page.waitForTimeout(1000) // let the layout settle for the picture
    await page.screenshot({ path: `${ARTIFACTS}explorer.png` })
  })

  it('a write made through the API appears live', async () => {
    await page.goto(`${h.url}/?type=User&id=alice&depth=1&token=${TOKEN}`)
    await expect.poll(() => statusText().textContent()).toBe('3 nodes, 2 edges')
    await page.waitForTimeout(300) // the watch is connected
    const put = await h.json('/graph/edges', {
      method: 'PUT',
      body: { from: user('alice'), type: 'follows', to: user('zoe') },
    })
    expect(put.status).toBe(200)
    await expect
      .poll(() => statusText().textContent(), { timeout: 10_000 })
      .toBe('4 nodes, 3 edges')
  })

  it('hostile labels show as text, run no script and raise no page error', async () => {
    await page.goto(`${h.url}/?type=User&id=carol&depth=1&token=${TOKEN}`)
    await expect.poll(() => statusText().textContent()).toBe('3 nodes, 2 edges')
    const labels = await page.evaluate(() =>
      (globalThis as unknown as ExplorerWindow).kvExplorer.drawing.graph.mapNodes(
        (_: string, a: { label: string }) => a.label,
      ),
    )
    expect(labels).toContain(`User:${HOSTILE}`)
    await page.evaluate(() =>
      (globalThis as unknown as ExplorerWindow).kvExplorer.pick(
        `User:<img src=x onerror="window.__pwned=1">`,
      ),
    )
    expect(await page.locator('#path-info').textContent()).toContain(HOSTILE)
    expect(await page.locator('#path-info img').count()).toBe(0)
    // The Mermaid view (securityLevel strict) draws the same subgraph, the id still as text.
    await page.click('#show-mermaid')
    await expect.poll(() => page.locator('#diagram svg').count(), { timeout: 30_000 }).toBe(1)
    expect(await page.locator('#text').textContent()).toMatch(/^flowchart/)
    expect(await page.locator('#diagram').textContent()).toContain('<img src=x')
    expect(await page.locator('#diagram img').count()).toBe(0)
    expect(
      await page.evaluate(() => (globalThis as unknown as ExplorerWindow).__pwned),
    ).toBeUndefined()
    expect(pageErrors).toEqual([])
  })

  it('draws 5,000 nodes and the tab keeps answering while the layout runs', async () => {
    await new Graph(store).import(
      Array.from({ length: 4999 }, (_, i) => ({
        from: user('hub'),
        type: 'knows',
        to: user(`n${i}`),
      })),
    )
    await page.goto(`${h.url}/?type=User&id=hub&depth=1&token=${TOKEN}`)
    await expect
      .poll(() => statusText().textContent(), { timeout: 60_000 })
      .toBe('5000 nodes, 4999 edges')
    // The layout runs a step per animation frame: the page still runs script and takes input.
    for (let i = 0; i < 5; i++) expect(await page.evaluate(() => 1 + 1)).toBe(2)
    await page.fill('#id', 'n1')
    expect(await page.inputValue('#id')).toBe('n1')
    expect(pageErrors).toEqual([])
  })
})
