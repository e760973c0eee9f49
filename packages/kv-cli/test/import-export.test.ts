import { readFile, writeFile } from 'node:fs/promises'
import { join } from 'node:path'
import { SaxesParser } from 'saxes'
import { beforeAll, describe, expect, it } from 'vitest'
import { ensureBuilt, jsonLines, kv, sh, tempDb, tempDir } from './helpers/cli.js'

beforeAll(ensureBuilt)

/** Parses XML strictly (throws on any well-formedness error); returns elements with attributes and text. */
function parseXml(xml: string) {
  const parser = new SaxesParser()
  const elements: { name: string; attributes: Record<string, string>; text: string }[] = []
  const stack: (typeof elements)[number][] = []
  parser.on('error', (error) => {
    throw error
  })
  parser.on('opentag', (tag) => {
    const element = {
      name: tag.name,
      attributes: tag.attributes as Record<string, string>,
      text: '',
    }
    elements.push(element)
    stack.push(element)
  })
  parser.on('text', (text) => {
    const top = stack.at(-1)
    if (top) top.text += text
  })
  parser.on('closetag', () => stack.pop())
  parser.write(xml).close()
  return elements
}

const HOSTILE_ID = 'a,"b"\n<c> & \'d\'\t\u0001é😀'

describe('graph import and export', () => {
  it('imports CSV with quoted fields holding commas, quotes and newlines', async () => {
    const dir = await tempDir()
    const db = join(dir, 'db')
    const csv = [
      'from_type,from_id,type,to_type,to_id,props',
      'User,alice,follows,User,"bob, jr.",',
      '"User","say ""hi""",follows,User,"multi',
      'line",\'{"a":1}\'',
      'User,alice,likes,Post,p1,"{""stars"":5,""tags"":[""x,y""]}"',
      '',
    ]
      .join('\r\n')
      .replace(`'{"a":1}'`, '"{""a"":1}"')
    const file = join(dir, 'edges.csv')
    await writeFile(file, csv)
    const result = await kv(['graph', 'import', file, '--db', db])
    expect(result.code).toBe(0)
    expect(JSON.parse(result.stdout)).toMatchObject({ edges: 3, nodes: 0 })
    expect(result.stderr).toBe('')
    const exported = jsonLines((await kv(['graph', 'export', '--db', db])).stdout)
    expect(exported).toEqual([
      {
        from: { type: 'User', id: 'alice' },
        type: 'follows',
        to: { type: 'User', id: 'bob, jr.' },
        props: {},
      },
      {
        from: { type: 'User', id: 'alice' },
        type: 'likes',
        to: { type: 'Post', id: 'p1' },
        props: { stars: 5, tags: ['x,y'] },
      },
      {
        from: { type: 'User', id: 'say "hi"' },
        type: 'follows',
        to: { type: 'User', id: 'multi\r\nline' },
        props: { a: 1 },
      },
    ])
  })

  it('reports malformed input with file and line, one line, exit 1', async () => {
    const dir = await tempDir()
    const db = join(dir, 'db')
    const bad = join(dir, 'bad.csv')
    await writeFile(bad, 'from_type,from_id,type,to_type,to_id\nA,a,e,B,b\nA,"a,e,B,b\n')
    const quote = await kv(['graph', 'import', bad, '--db', db])
    expect(quote.code).toBe(1)
    expect(quote.stderr).toBe(`kv: ${bad}:3: unterminated quoted field (CLI_INVALID_INPUT)\n`)
    const header = await kv(['graph', 'import', '-', '--format', 'csv', '--db', db], {
      input: 'from,to\nA,B\n',
    })
    expect(header.stderr).toBe(
      'kv: stdin:1: unknown column "from": expected from_type,from_id,type,to_type,to_id[,props] (CLI_INVALID_INPUT)\n',
    )
    const json = await kv(['graph', 'import', '-', '--batch-size', '1', '--db', db], {
      input:
        '{"fromType":"A","fromId":"a","type":"e","toType":"B","toId":"b"}\n\n{"from":{"type":"A"}}\n',
    })
    expect(json.code).toBe(1)
    expect(json.stderr).toBe('kv: stdin:3: from.id must be a string (CLI_INVALID_INPUT)\n')
    const graphError = await kv(['graph', 'import', '-', '--db', db], {
      input: '{"fromType":"A","fromId":"","type":"e","toType":"B","toId":"b"}\n',
    })
    expect(graphError.code).toBe(1)
    expect(graphError.stderr).toMatch(/^kv: stdin:1: .*\(GRAPH_INVALID_NODE\)\n$/)
    // With --batch-size 1 the edge on line 1 was written before line 3 failed.
    const edges = await kv(['graph', 'export', '--db', db])
    expect(jsonLines(edges.stdout)).toHaveLength(1)
  })

  it('export | import round-trips edges and node records through a pipe', async () => {
    const source = await tempDb()
    const target = await tempDb()
    const lines = [
      { node: { type: 'User', id: HOSTILE_ID }, props: { name: 'Zoë', nested: { a: [1, null] } } },
      {
        from: { type: 'User', id: HOSTILE_ID },
        type: 'follows',
        to: { type: 'User', id: 'b' },
        props: { since: 1 },
      },
      { fromType: 'User', fromId: 'b', type: 'knows\u0000x', toType: 'Team', toId: 't/1' },
    ]
    const load = await kv(['graph', 'import', '-', '--db', source], {
      input: lines.map((line) => JSON.stringify(line)).join('\n'),
    })
    expect(JSON.parse(load.stdout)).toMatchObject({ edges: 2, nodes: 1 })
    const piped = await sh(
      `$KV graph export --db "${source}" | $KV graph import - --db "${target}"`,
    )
    expect(piped.code).toBe(0)
    expect(JSON.parse(piped.stdout)).toMatchObject({ edges: 2, nodes: 1 })
    const [a, b] = [
      await kv(['graph', 'export', '--db', source]),
      await kv(['graph', 'export', '--db', target]),
    ]
    expect(b.stdout).toBe(a.stdout)
    expect(jsonLines(a.stdout)).toEqual([
      lines[0],
      lines[1],
      {
        from: { type: 'User', id: 'b' },
        type: 'knows\u0000x',
        to: { type: 'Team', id: 't/1' },
        props: {},
      },
    ])
    const edgesOnly = await kv(['graph', 'export', '--edges-only', '--db', source])
    expect(jsonLines(edgesOnly.stdout)).toHaveLength(2)
  })

  it('export --format graphml writes well-formed, escaped GraphML', async () => {
    const db = await tempDb()
    const dir = await tempDir()
    await kv(['graph', 'import', '-', '--db', db], {
      input: [
        { node: { type: 'User', id: HOSTILE_ID }, props: { bio: '</data><x>' } },
        {
          from: { type: 'User', id: HOSTILE_ID },
          type: 'a&b',
          to: { type: 'Team', id: 'x' },
          props: { q: '"' },
        },
      ]
        .map((line) => JSON.stringify(line))
        .join('\n'),
    })
    const out = join(dir, 'g.graphml')
    const result = await kv(['graph', 'export', '--format', 'graphml', '--out', out, '--db', db])
    expect(JSON.parse(result.stdout)).toEqual({ out, format: 'graphml', nodes: 2, edges: 1 })
    const elements = parseXml(await readFile(out, 'utf8'))
    const nodes = elements.filter((e) => e.name === 'node')
    const edges = elements.filter((e) => e.name === 'edge')
    expect(nodes.map((n) => JSON.parse(n.attributes.id!))).toEqual([
      ['Team', 'x'],
      ['User', HOSTILE_ID],
    ])
    expect(edges).toHaveLength(1)
    expect(JSON.parse(edges[0]!.attributes.source!)).toEqual(['User', HOSTILE_ID])
    const data = elements.filter((e) => e.name === 'data').map((e) => [e.attributes.key, e.text])
    expect(data).toContainEqual(['node_props', JSON.stringify({ bio: '</data><x>' })])
    expect(data).toContainEqual(['edge_type', 'a&b'])
    expect(data).toContainEqual(['edge_props', '{"q":"\\""}'])
    // U+0001 cannot appear in XML 1.0 text: the id data shows U+FFFD, the node id keeps it exactly.
    expect(data).toContainEqual(['node_id', HOSTILE_ID.replace('\u0001', '\ufffd')])
  })

  it('draws a progress bar on stderr only when asked (a terminal, or KV_PROGRESS=1)', async () => {
    const dir = await tempDir()
    const file = join(dir, 'edges.jsonl')
    await writeFile(
      file,
      Array.from({ length: 2000 }, (_, i) =>
        JSON.stringify({
          fromType: 'N',
          fromId: `n${i}`,
          type: 'e',
          toType: 'N',
          toId: `n${i + 1}`,
        }),
      ).join('\n'),
    )
    const quiet = await kv(['graph', 'import', file, '--db', join(dir, 'a')])
    expect(quiet.stderr).toBe('')
    const bar = await kv(['graph', 'import', file, '--db', join(dir, 'b')], {
      env: { KV_PROGRESS: '1' },
    })
    expect(JSON.parse(bar.stdout)).toMatchObject({ edges: 2000 })
    expect(bar.stderr).toMatch(
      /\rimport \[#{30}\] 100% \d+(\.\d)? kB\/\d+(\.\d)? kB \d+\.\ds\x1b\[K\n$/,
    )
  })
})
