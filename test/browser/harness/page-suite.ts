// Runs a page entry's tests (collected by the page's vitest shim) in Chromium and returns one
// result per test, for the vitest file to report each as its own test.
import { it } from 'vitest'
import type { PageResult } from '../page/vitest-shim.js'
import { bundlePage } from './bundle.js'
import { launchChromium } from './chromium.js'
import { servePages } from './server.js'

export async function runPageSuite(entry: string, fromSource: boolean): Promise<PageResult[]> {
  const { code, warnings } = await bundlePage(entry, fromSource)
  if (warnings.length) throw new Error(`bundling ${entry} warned: ${warnings[0]!.text}`)
  const server = await servePages({ '/page.js': code })
  const browser = await launchChromium()
  try {
    const page = await browser.newPage()
    const errors: string[] = []
    page.on('pageerror', (error) => errors.push(String(error)))
    await page.goto(server.url)
    await page.waitForFunction('typeof runPageTests === "function"', null, { timeout: 30_000 })
    const results = (await page.evaluate('runPageTests()')) as PageResult[]
    if (errors.length) throw new Error(`uncaught in the page: ${errors.join('\n')}`)
    const slowest = [...results].sort((a, b) => b.ms - a.ms).slice(0, 5)
    console.log(`slowest in the page:\n${slowest.map((r) => `  ${r.ms} ms  ${r.name}`).join('\n')}`)
    return results
  } finally {
    await browser.close()
    await server.close()
  }
}

/** One vitest test per page result: a failure in the page fails the test of its name. */
export function reportPageResults(results: PageResult[]): void {
  it('the page ran its tests', () => {
    if (results.length === 0) throw new Error('the page collected no tests')
  })
  for (const result of results) {
    it(`${result.name} (in Chromium, ${result.ms} ms)`, () => {
      if (!result.ok) throw new Error(`failed in the page: ${result.name}\n${result.error}`)
    })
  }
}
