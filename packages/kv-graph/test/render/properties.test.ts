import fc from 'fast-check'
import { describe, expect, test } from 'vitest'
import { graphView, labelText } from './arbitraries.js'
import { checkDot, checkDotSvg, checkMermaid } from './check-rendering.js'

// Each run draws one view of up to ~50 labels, so one `dot` spawn checks many labels at once.
const MIN_LABELS = 2_000

describe('properties over random labels', () => {
  test('DOT: dot accepts every view and reads back exactly its nodes, edges and labels', () => {
    let labels = 0
    fc.assert(
      fc.property(graphView, fc.boolean(), fc.option(labelText), (view, showProps, title) => {
        labels += checkDot(view, { showProps, ...(title === null ? {} : { title }) })
      }),
      { numRuns: 100 },
    )
    expect(labels).toBeGreaterThanOrEqual(MIN_LABELS)
  })

  test('DOT: the SVG is well-formed and holds no script, link or handler', async () => {
    await fc.assert(
      fc.asyncProperty(graphView, async (view) => {
        await checkDotSvg(view, { showProps: true })
      }),
      { numRuns: 20 },
    )
  })

  test('Mermaid: the parser accepts every view and reads back exactly its nodes, edges and labels', async () => {
    let labels = 0
    await fc.assert(
      fc.asyncProperty(graphView, fc.boolean(), async (view, showProps) => {
        labels += await checkMermaid(view, { showProps })
      }),
      { numRuns: 100 },
    )
    expect(labels).toBeGreaterThanOrEqual(MIN_LABELS)
  })
})
