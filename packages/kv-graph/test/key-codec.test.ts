import { compareKeys } from '@kvgraph/core'
import { decodeTuple, unescapeComponent, utf8Length } from '@kvgraph/core/internal'
import type { Graph } from '@kvgraph/graph'
import fc from 'fast-check'
import { describe, expect, it } from 'vitest'
import {
  decodeComponent,
  decodeNodeCode,
  edgeKeyOwnerEnd,
  encodeComponent,
  inKey,
  nodeCode,
  OUT_FAMILY,
  outKey,
  splitEdgeKey,
} from '../src/key-codec.js'
import { forEachEngine } from './helpers/engines.js'
import { nodeRefArb, TRICKY } from './helpers/random-graph.js'

// Strings rich in the characters the codec must neutralize.
const nasty = fc.oneof(
  fc.string({ unit: fc.constantFrom('\0', '\x01', '/', 'a', '😀', '\uffff'), maxLength: 8 }),
  fc.string({ unit: 'binary', maxLength: 8 }),
  fc.constantFrom(...TRICKY),
)
const tuple = fc.array(nasty, { minLength: 1, maxLength: 4 })
const encode = (parts: string[]) => parts.map(encodeComponent).join('')

describe('key codec', () => {
  it('terminates and escapes each component', () => {
    expect(encodeComponent('abc')).toBe('abc\0\0')
    expect(encodeComponent('a\0b')).toBe('a\0\x01b\0\0')
    expect(encodeComponent('')).toBe('\0\0')
    expect(unescapeComponent('a\0\x01b')).toBe('a\0b')
  })

  it('round-trips any tuple of strings', () => {
    fc.assert(
      fc.property(tuple, (parts) => {
        expect(decodeTuple(encode(parts))).toEqual(parts)
      }),
      { numRuns: 2000 },
    )
  })

  it('is injective: different tuples never share an encoding', () => {
    fc.assert(
      fc.property(tuple, tuple, (a, b) => {
        fc.pre(JSON.stringify(a) !== JSON.stringify(b))
        expect(encode(a)).not.toBe(encode(b))
      }),
      { numRuns: 2000 },
    )
  })

  it('is prefix-free: no encoded tuple is a prefix of a different one', () => {
    fc.assert(
      fc.property(tuple, tuple, nasty, (a, b, tail) => {
        fc.pre(JSON.stringify(a) !== JSON.stringify(b.slice(0, a.length)))
        // Nothing appended to b's encoding can make a's encoding a prefix of it.
        expect((encode(b) + tail).startsWith(encode(a))).toBe(false)
      }),
      { numRuns: 3000 },
    )
  })

  it('preserves order: tuples sort by their components in UTF-8 byte order', () => {
    const lexicographic = (a: string[], b: string[]) => {
      for (let i = 0; i < Math.min(a.length, b.length); i++) {
        const c = compareKeys(a[i]!, b[i]!)
        if (c !== 0) return c
      }
      return a.length - b.length
    }
    fc.assert(
      fc.property(tuple, tuple, (a, b) => {
        expect(Math.sign(compareKeys(encode(a), encode(b)))).toBe(Math.sign(lexicographic(a, b)))
      }),
      { numRuns: 2000 },
    )
  })

  it('keeps a node out prefix from ever matching another node’s edge keys', () => {
    fc.assert(
      fc.property(nodeRefArb, nodeRefArb, nasty, nodeRefArb, (x, y, type, z) => {
        fc.pre(x.type !== y.type || x.id !== y.id)
        const key = outKey(nodeCode(y), encodeComponent(type || 't'), nodeCode(z))
        expect(key.startsWith(OUT_FAMILY + nodeCode(x))).toBe(false)
      }),
      { numRuns: 3000 },
    )
  })

  it('splits edge keys back into their parts', () => {
    fc.assert(
      fc.property(nodeRefArb, nasty, nodeRefArb, (from, type, to) => {
        const t = encodeComponent(type)
        const out = splitEdgeKey(outKey(nodeCode(from), t, nodeCode(to)))!
        expect(decodeNodeCode(out.owner)).toEqual(from)
        expect(unescapeComponent(out.type)).toBe(type)
        expect(out.typeComponent).toBe(t)
        expect(decodeComponent(out.typeComponent)).toBe(type)
        expect(decodeNodeCode(out.other)).toEqual(to)
        const key = outKey(nodeCode(from), t, nodeCode(to))
        expect(edgeKeyOwnerEnd(key)).toBe(OUT_FAMILY.length + nodeCode(from).length)
        // Past a namespace's prefix too, as in the raw keys a load reads.
        expect(edgeKeyOwnerEnd(`ns\0${key}`, 3 + OUT_FAMILY.length)).toBe(
          3 + OUT_FAMILY.length + nodeCode(from).length,
        )
        const inward = splitEdgeKey(inKey(nodeCode(from), t, nodeCode(to)))!
        expect(decodeNodeCode(inward.owner)).toEqual(to)
        expect(decodeNodeCode(inward.other)).toEqual(from)
        expect(inward.typeComponent).toBe(t)
      }),
      { numRuns: 1000 },
    )
    expect(edgeKeyOwnerEnd('g/o/no terminator')).toBe(-1)
    expect(edgeKeyOwnerEnd('g/o/type\0\0no id terminator')).toBe(-1)
  })

  it('counts UTF-8 bytes like Buffer.byteLength', () => {
    fc.assert(
      fc.property(fc.string({ unit: 'binary', maxLength: 600 }), (value) => {
        expect(utf8Length(value)).toBe(Buffer.byteLength(value))
      }),
    )
  })
})

forEachEngine((ctx) => {
  it('stores any ids so that prefix reads return exactly each node’s edges', async () => {
    const graph = ctx.graph()
    const nodes = TRICKY.flatMap((id) => [
      { type: 'User', id },
      { type: id, id: 'x' },
    ])
    const edges = nodes.flatMap((from, i) => [
      { from, type: TRICKY[i % TRICKY.length]!, to: nodes[(i + 1) % nodes.length]! },
      { from, type: 'self', to: from },
    ])
    await graph.import(edges)
    for (const node of nodes) {
      const page = await graph.outgoing(node)
      const expected = edges.filter((e) => e.from === node)
      expect(page.edges.map((e) => [e.from, e.type, e.to])).toEqual(
        expected
          .map((e) => [e.from, e.type, e.to])
          .sort((a, b) =>
            compareKeys(
              encodeComponent(a[1] as string) + nodeCode(a[2] as never),
              encodeComponent(b[1] as string) + nodeCode(b[2] as never),
            ),
          ),
      )
      const incoming = await graph.incoming(node)
      expect(incoming.edges.every((e) => e.to.type === node.type && e.to.id === node.id)).toBe(true)
      expect(incoming.edges.length).toBe(edges.filter((e) => e.to === node).length)
    }
  })

  it('accepts ids up to the key limit and rejects longer ones by name', async () => {
    const graph: Graph = ctx.graph()
    // 'g/n/' + enc('User') (6 bytes) + enc(id) (id + 2 bytes) must be at most 1024 bytes.
    const longest = 'x'.repeat(1024 - 4 - 6 - 2)
    await graph.putNode({ type: 'User', id: longest }, { ok: true })
    expect((await graph.getNode({ type: 'User', id: longest }))?.props).toEqual({ ok: true })
    await expect(graph.putNode({ type: 'User', id: `${longest}x` }, {})).rejects.toMatchObject({
      code: 'GRAPH_INVALID_NODE',
      message: expect.stringContaining('node is too long'),
    })
    const emoji = '😀'.repeat(200) // 800 bytes of UTF-8 but 400 UTF-16 units
    await graph.putNode({ type: 'User', id: emoji })
    await expect(
      graph.addEdge({ type: 'User', id: emoji }, 'follows', { type: 'User', id: emoji }),
    ).rejects.toMatchObject({ code: 'GRAPH_KEY_TOO_LONG', message: expect.stringContaining('to') })
  })
})
