import { mkdtemp, rm, writeFile } from 'node:fs/promises'
import { tmpdir } from 'node:os'
import { join } from 'node:path'
import { describe, expect, test } from 'vitest'
import { RenderError, renderPng, renderSvg, toDot } from '../../src/render/index.js'
import { socialView } from './fixtures.js'

const PNG_SIGNATURE = [0x89, 0x50, 0x4e, 0x47, 0x0d, 0x0a, 0x1a, 0x0a]
const LABELS = [
  'User:alice',
  'User:bob',
  'User:charlie',
  'User:diana',
  'Post:1',
  'Post:2',
  'Post:3',
]

async function rejection(promise: Promise<unknown>): Promise<RenderError> {
  const error = await promise.then(
    () => expect.fail('expected a rejection'),
    (reason: unknown) => reason,
  )
  expect(error).toBeInstanceOf(RenderError)
  return error as RenderError
}

describe('renderSvg', () => {
  test('renders a view to SVG showing every node label', async () => {
    const svg = await renderSvg(socialView(), { rankdir: 'TB', title: 'Social' })
    expect(svg).toMatch(/^(<\?xml|<svg)/)
    expect(svg).toContain('</svg>')
    for (const label of [...LABELS, 'Social', 'follows', 'authored', 'liked']) {
      expect(svg).toContain(`>${label}</text>`)
    }
  })

  test('renders DOT text', async () => {
    const svg = await renderSvg('digraph { a -> b [label="x"] }')
    expect(svg).toMatch(/^(<\?xml|<svg)/)
    expect(svg).toContain('>a</text>')
    expect(svg).toContain('>x</text>')
  })

  test('the same view as a view or as its DOT text gives the same SVG', async () => {
    const options = { showProps: true }
    expect(await renderSvg(socialView(), options)).toBe(
      await renderSvg(toDot(socialView(), options)),
    )
  })

  test('malformed DOT rejects with RENDER_FAILED and dot’s message', async () => {
    const error = await rejection(renderSvg('digraph { a -> }'))
    expect(error.code).toBe('RENDER_FAILED')
    expect(error.message).toMatch(/syntax error/)
  })

  test('DOT text with no graph rejects with RENDER_FAILED', async () => {
    const error = await rejection(renderSvg(''))
    expect(error.code).toBe('RENDER_FAILED')
  })
})

describe('renderPng', () => {
  test('renders a view and DOT text to PNG bytes', async () => {
    for (const input of [socialView(), 'digraph { a -> b }']) {
      const png = await renderPng(input)
      expect(png).toBeInstanceOf(Uint8Array)
      expect(png.length).toBeGreaterThan(100)
      expect(Array.from(png.subarray(0, 8))).toEqual(PNG_SIGNATURE)
    }
  })
})

describe('Graphviz missing or failing', () => {
  test('an executable that cannot be spawned rejects with RENDER_GRAPHVIZ_MISSING', async () => {
    for (const render of [renderSvg, renderPng]) {
      const error = await rejection(render(socialView(), { dotCommand: '/nonexistent/dot' }))
      expect(error.code).toBe('RENDER_GRAPHVIZ_MISSING')
      expect(error.name).toBe('RenderError')
      expect(error.message).toContain('/nonexistent/dot')
      expect(error.message).toContain('apt-get install graphviz')
      expect(error.message).toContain('brew install graphviz')
      expect(error.cause).toBeInstanceOf(Error)
    }
  })

  test('an existing file that is not executable is missing too', async () => {
    const dir = await mkdtemp(join(tmpdir(), 'kvgraph-render-'))
    try {
      const fake = join(dir, 'dot')
      await writeFile(fake, 'not a program', { mode: 0o644 })
      const error = await rejection(renderSvg('digraph {}', { dotCommand: fake }))
      expect(error.code).toBe('RENDER_GRAPHVIZ_MISSING')
    } finally {
      await rm(dir, { recursive: true, force: true })
    }
  })

  test('a dotCommand that runs but fails is RENDER_FAILED, not missing', async () => {
    const error = await rejection(renderSvg('digraph {}', { dotCommand: '/bin/false' }))
    expect(error.code).toBe('RENDER_FAILED')
    expect(error.message).toContain('exit code 1')
  })

  test('a dot that exits before reading its input fails cleanly, without a stray EPIPE', async () => {
    // More than a pipe buffer of input, so writing to a process that has exited fails (EPIPE).
    const big = `digraph { ${'a -> b; '.repeat(50_000)} }`
    const stray: unknown[] = []
    const onUnhandled = (reason: unknown) => stray.push(reason)
    process.on('unhandledRejection', onUnhandled)
    try {
      for (let i = 0; i < 20; i++) {
        const error = await rejection(renderSvg(big, { dotCommand: '/bin/false' }))
        expect(error.code).toBe('RENDER_FAILED')
      }
      await new Promise((resolve) => setTimeout(resolve, 100))
    } finally {
      process.off('unhandledRejection', onUnhandled)
    }
    expect(stray).toEqual([])
  })
})
