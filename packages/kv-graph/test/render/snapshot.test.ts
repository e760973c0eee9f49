import { describe, expect, test } from 'vitest'
import { toDot, toMermaid } from '../../src/render/index.js'
import { checkDot, checkMermaid } from './check-rendering.js'
import { socialView } from './fixtures.js'

describe('snapshots of the social graph', () => {
  test('DOT, default options', async () => {
    await expect(toDot(socialView())).toMatchFileSnapshot('./__snapshots__/social.dot')
    expect(checkDot(socialView())).toBe(18)
  })

  test('DOT, with props and a title', async () => {
    const options = { showProps: true, title: 'Social graph' }
    await expect(toDot(socialView(), options)).toMatchFileSnapshot(
      './__snapshots__/social-props.dot',
    )
    expect(checkDot(socialView(), options)).toBe(18)
  })

  test('Mermaid, default options', async () => {
    await expect(toMermaid(socialView())).toMatchFileSnapshot('./__snapshots__/social.mmd')
    expect(await checkMermaid(socialView())).toBe(18)
  })

  test('Mermaid, with props', async () => {
    await expect(toMermaid(socialView(), { showProps: true })).toMatchFileSnapshot(
      './__snapshots__/social-props.mmd',
    )
    expect(await checkMermaid(socialView(), { showProps: true })).toBe(18)
  })
})
