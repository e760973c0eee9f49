import { describe, expect, test } from 'vitest'
import { RenderError, renderPng, renderSvg, toDot, toMermaid } from '../../src/render/index.js'
import type { GraphView } from '../../src/types.js'
import { socialView } from './fixtures.js'

function thrown(run: () => unknown): RenderError {
  try {
    run()
  } catch (error) {
    expect(error).toBeInstanceOf(RenderError)
    return error as RenderError
  }
  return expect.fail('expected a RenderError')
}

const asView = (value: unknown) => value as GraphView
const ref = { type: 'User', id: 'a' }

// [description, bad view, expected message fragment]
const badViews: [string, unknown, string][] = [
  ['null', null, 'view must be an object with nodes and edges arrays: received null'],
  [
    'a string',
    'digraph {}',
    'view must be an object with nodes and edges arrays: received "digraph {}" (string of length 10)',
  ],
  [
    'no edges',
    { nodes: [] },
    'view must be an object with nodes and edges arrays: received an object',
  ],
  ['nodes not an array', { nodes: {}, edges: [] }, 'view must be an object'],
  [
    'a node that is not an object',
    { nodes: [42], edges: [] },
    'view.nodes[0] must be a node reference {type, id}: received 42',
  ],
  [
    'a node id that is not a string',
    { nodes: [{ type: 'User', id: 7, props: {} }], edges: [] },
    'view.nodes[0].id must be a string: received 7',
  ],
  [
    'node props that are not an object',
    { nodes: [{ ...ref, props: [] }], edges: [] },
    'view.nodes[0].props must be a JSON object: received an array of length 0',
  ],
  [
    'an edge without from',
    { nodes: [], edges: [{ to: ref, type: 'x', props: {} }] },
    'view.edges[0].from must be a node reference {type, id}: received undefined',
  ],
  [
    'an edge whose to.type is missing',
    { nodes: [], edges: [{ from: ref, to: { id: 'b' }, type: 'x', props: {} }] },
    'view.edges[0].to.type must be a string: received undefined',
  ],
  [
    'an edge type that is not a string',
    { nodes: [], edges: [{ from: ref, to: ref, type: null, props: {} }] },
    'view.edges[0].type must be a string: received null',
  ],
]

describe('argument checks', () => {
  test.each(badViews)('toDot and toMermaid reject a view with %s', (_, view, message) => {
    for (const [name, draw] of [
      ['toDot', toDot],
      ['toMermaid', toMermaid],
    ] as const) {
      const error = thrown(() => draw(asView(view)))
      expect(error.code).toBe('RENDER_INVALID_ARGUMENT')
      expect(error.name).toBe('RenderError')
      expect(error.message).toContain(`${name}: ${message}`)
    }
  })

  test('unknown directions and wrongly typed options are rejected, naming the option', () => {
    const view = socialView()
    const cases: [() => unknown, string][] = [
      [
        () => toDot(view, { rankdir: 'XY' as 'LR' }),
        'toDot: options.rankdir must be one of LR, TB, RL, BT: received "XY" (string of length 2)',
      ],
      [
        () => toMermaid(view, { direction: 'lr' as 'LR' }),
        'toMermaid: options.direction must be one of LR, TB, RL, BT: received "lr" (string of length 2)',
      ],
      [
        () => toDot(view, { showProps: 'yes' as unknown as boolean }),
        'toDot: options.showProps must be a boolean: received "yes" (string of length 3)',
      ],
      [
        () => toDot(view, { title: 3 as unknown as string }),
        'toDot: options.title must be a string: received 3',
      ],
      [
        () => toMermaid(view, 'LR' as unknown as object),
        'toMermaid: options must be an object: received "LR" (string of length 2)',
      ],
    ]
    for (const [run, message] of cases) {
      const error = thrown(run)
      expect(error.code).toBe('RENDER_INVALID_ARGUMENT')
      expect(error.message).toBe(message)
    }
  })

  test('a view with missing props is drawn as if they were empty', () => {
    const view = asView({
      nodes: [{ type: 'User', id: 'a' }],
      edges: [{ from: ref, to: ref, type: 'x' }],
    })
    expect(toDot(view, { showProps: true })).toContain('label = "User:a";')
    expect(toMermaid(view, { showProps: true })).toContain('n0("User:a")\n')
  })

  test('renderSvg and renderPng reject bad input and options before running dot', async () => {
    for (const [name, render] of [
      ['renderSvg', renderSvg],
      ['renderPng', renderPng],
    ] as const) {
      const cases: [() => Promise<unknown>, string][] = [
        [
          () => render(42 as unknown as string),
          `${name}: input must be a GraphView or DOT text: received 42`,
        ],
        [
          () => render(asView({ nodes: [] })),
          `${name}: view must be an object with nodes and edges arrays`,
        ],
        [
          () => render(socialView(), { rankdir: 'up' as 'LR' }),
          `${name}: options.rankdir must be one of`,
        ],
        [
          () => render('digraph {}', { title: false as unknown as string }),
          `${name}: options.title must be a string: received false`,
        ],
        [
          () => render('digraph {}', { dotCommand: 1 as unknown as string }),
          `${name}: options.dotCommand must be a string: received 1`,
        ],
      ]
      for (const [run, message] of cases) {
        const error = await run().then(
          () => expect.fail('expected a rejection'),
          (e: unknown) => e,
        )
        expect(error).toBeInstanceOf(RenderError)
        expect((error as RenderError).code).toBe('RENDER_INVALID_ARGUMENT')
        expect((error as RenderError).message).toContain(message)
      }
    }
  })
})
