// The store conformance suite inside Chromium on browser-level (IndexedDB), each page test
// reported as a vitest test.
import { fileURLToPath } from 'node:url'
import { describe } from 'vitest'
import { reportPageResults, runPageSuite } from './harness/page-suite.js'

const entry = fileURLToPath(new URL('page/conformance.page.ts', import.meta.url))
const results = await runPageSuite(entry, false)

describe('conformance in Chromium', () => reportPageResults(results))
