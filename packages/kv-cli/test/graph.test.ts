import { readFile } from 'node:fs/promises'
import { join } from 'node:path'
import { beforeAll, describe, expect, it } from 'vitest'
import { ensureBuilt, jsonLines, kv, sh, tempDb, tempDir } from './helpers/cli.js'

beforeAll(ensureBuilt)

const EDGES = [
  {
    from: { type: 'User', id: 'alice' },
    type: 'follows',
    to: { type: 'User', id: 'bob' },
    props: { w: 5 },
  },
  {
    from: { type: 'User', id: 'alice' },
    type: 'follows',
    to: { type: 'User', id: 'carol' },
    props: { w: 1 },
  },
  {
    from: { type: 'User', id: 'carol' },
    type: 'follows',
    to: { type: 'User', id: 'bob' },
    props: { w: 1 },
  },
  {
    from: { type: 'User', id: 'bob' },
    type: 'follows',
    to: { type: 'User', id: 'dave' },
    props: { w: 1 },
  },
  { from: { type: 'User', id: 'alice' }, type: 'likes', to: { type: 'Post', id: 'p1' }, props: {} },
]

async function socialDb(): Promise<string> {
  const db = await tempDb()
  const result = await kv(['graph', 'import', '-', '--db', db], {
    input: EDGES.map((edge) => JSON.stringify(edge)).join('\n'),
  })
  expect(result.code).toBe(0)
  expect(JSON.parse(result.stdout)).toMatchObject({ edges: 5, nodes: 0 })
  return db
}

describe('graph commands', () => {
  it('add-edge (props from stdin or --props), get-edge, remove-edge', async () => {
    const db = await tempDb()
    const add = await kv(
      ['graph', 'add-edge', 'User', 'alice', 'follows', 'User', 'bob', '--db', db],
      {
        input: '{"since":2020}',
      },
    )
    expect(add.code).toBe(0)
    const edge = {
      from: { type: 'User', id: 'alice' },
      type: 'follows',
      to: { type: 'User', id: 'bob' },
      props: { since: 2020 },
    }
    expect(JSON.parse(add.stdout)).toEqual(edge)
    const noProps = await kv([
      'graph',
      'add-edge',
      'User',
      'bob',
      'follows',
      'User',
      'alice',
      '--db',
      db,
    ])
    expect(JSON.parse(noProps.stdout)).toMatchObject({ props: {} })
    const withFlag = await kv([
      'graph',
      'add-edge',
      'User',
      'bob',
      'likes',
      'Post',
      'p 1',
      '--props',
      '{"stars":3}',
      '--db',
      db,
    ])
    expect(JSON.parse(withFlag.stdout)).toMatchObject({
      to: { type: 'Post', id: 'p 1' },
      props: { stars: 3 },
    })

    const get = await kv([
      'graph',
      'get-edge',
      'User',
      'alice',
      'follows',
      'User',
      'bob',
      '--db',
      db,
    ])
    expect(JSON.parse(get.stdout)).toEqual(edge)
    const remove = await kv([
      'graph',
      'remove-edge',
      'User',
      'alice',
      'follows',
      'User',
      'bob',
      '--db',
      db,
    ])
    expect(JSON.parse(remove.stdout)).toEqual({ removed: true })
    const again = await kv([
      'graph',
      'remove-edge',
      'User',
      'alice',
      'follows',
      'User',
      'bob',
      '--db',
      db,
    ])
    expect(JSON.parse(again.stdout)).toEqual({ removed: false })
    const gone = await kv([
      'graph',
      'get-edge',
      'User',
      'alice',
      'follows',
      'User',
      'bob',
      '--db',
      db,
    ])
    expect(gone).toMatchObject({ code: 1, stdout: '' })
    expect(gone.stderr).toBe('kv: edge User:alice -follows-> User:bob not found (CLI_NOT_FOUND)\n')
  })

  it('put-node, get-node, remove-node (with its edges)', async () => {
    const db = await socialDb()
    const put = await kv(['graph', 'put-node', 'User', 'alice', '--db', db], {
      input: '{"name":"Alice"}',
    })
    expect(JSON.parse(put.stdout)).toEqual({ type: 'User', id: 'alice', props: { name: 'Alice' } })
    const get = await kv(['graph', 'get-node', 'User', 'alice', '--db', db])
    expect(JSON.parse(get.stdout)).toEqual({ type: 'User', id: 'alice', props: { name: 'Alice' } })
    const remove = await kv(['graph', 'remove-node', 'User', 'alice', '--db', db])
    expect(JSON.parse(remove.stdout)).toEqual({ record: true, edges: 3 })
    const missing = await kv(['graph', 'get-node', 'User', 'alice', '--db', db])
    expect(missing).toMatchObject({
      code: 1,
      stdout: '',
      stderr: 'kv: node User:alice not found (CLI_NOT_FOUND)\n',
    })
    const degree = await kv(['graph', 'degree', 'User', 'bob', '--db', db])
    expect(degree.stdout).toBe('2\n')
  })

  it('outgoing and incoming page with --type, --limit and a cursor on stderr; degree', async () => {
    const db = await socialDb()
    const out = await kv(['graph', 'outgoing', 'User', 'alice', '--db', db])
    expect(jsonLines(out.stdout)).toEqual([EDGES[0], EDGES[1], EDGES[4]])
    const page = await kv([
      'graph',
      'outgoing',
      'User',
      'alice',
      '--type',
      'follows',
      '--limit',
      '1',
      '--db',
      db,
    ])
    expect(jsonLines(page.stdout)).toEqual([EDGES[0]])
    const cursor = /^cursor: (\S+)\n$/.exec(page.stderr)?.[1]
    expect(cursor).toBeDefined()
    const next = await kv([
      'graph',
      'outgoing',
      'User',
      'alice',
      '--type',
      'follows',
      '--limit',
      '1',
      '--cursor',
      cursor!,
      '--db',
      db,
    ])
    expect(jsonLines(next.stdout)).toEqual([EDGES[1]])
    const incoming = await kv(['graph', 'incoming', 'User', 'bob', '--db', db])
    expect(jsonLines(incoming.stdout)).toEqual([EDGES[0], EDGES[2]])
    const [both, outDegree] = [
      await kv(['graph', 'degree', 'User', 'bob', '--db', db]),
      await kv([
        'graph',
        'degree',
        'User',
        'alice',
        '--direction',
        'out',
        '--type',
        'likes',
        '--db',
        db,
      ]),
    ]
    expect(both.stdout).toBe('3\n')
    expect(outDegree.stdout).toBe('1\n')
  })

  it('bfs with --depth reports where it stopped; --edge-types filters', async () => {
    const db = await socialDb()
    const all = await kv(['graph', 'bfs', 'User', 'alice', '--db', db])
    const steps = jsonLines(all.stdout) as { node: { id: string }; depth: number }[]
    expect(steps.map((s) => [s.node.id, s.depth])).toEqual([
      ['alice', 0],
      ['bob', 1],
      ['carol', 1],
      ['p1', 1],
      ['dave', 2],
    ])
    expect(all.stderr).toBe('')
    const shallow = await kv([
      'graph',
      'bfs',
      'User',
      'alice',
      '--depth',
      '1',
      '--edge-types',
      'follows',
      '--db',
      db,
    ])
    expect((jsonLines(shallow.stdout) as { node: { id: string } }[]).map((s) => s.node.id)).toEqual(
      ['alice', 'bob', 'carol'],
    )
    expect(shallow.stderr).toBe('stopped: maxDepth\n')
  })

  it('find-path: fewest hops, --weight, --direction; no path exits 1', async () => {
    const db = await socialDb()
    const hops = JSON.parse(
      (await kv(['graph', 'find-path', 'User', 'alice', 'User', 'dave', '--db', db])).stdout,
    )
    expect(hops.cost).toBe(2)
    expect(hops.nodes.map((n: { id: string }) => n.id)).toEqual(['alice', 'bob', 'dave'])
    const weighted = await kv([
      'graph',
      'find-path',
      'User',
      'alice',
      'User',
      'dave',
      '--weight',
      'w',
      '--edge-types',
      'follows',
      '--db',
      db,
    ])
    const path = JSON.parse(weighted.stdout)
    expect(path.cost).toBe(3)
    expect(path.nodes.map((n: { id: string }) => n.id)).toEqual(['alice', 'carol', 'bob', 'dave'])
    const none = await kv(['graph', 'find-path', 'User', 'dave', 'User', 'alice', '--db', db])
    expect(none).toMatchObject({ code: 1, stdout: '' })
    expect(none.stderr).toBe('kv: no path from User:dave to User:alice (CLI_NOT_FOUND)\n')
    const backwards = await kv([
      'graph',
      'find-path',
      'User',
      'dave',
      'User',
      'alice',
      '--direction',
      'in',
      '--db',
      db,
    ])
    expect(JSON.parse(backwards.stdout).cost).toBe(2)
  })

  it('view --format dot pipes into Graphviz: kv graph view --format dot | dot -Tsvg', async () => {
    const db = await socialDb()
    const piped = await sh(`$KV graph view --format dot --db "${db}" | dot -Tsvg`)
    expect(piped.code).toBe(0)
    expect(piped.stderr).toBe('')
    expect(piped.stdout).toContain('<svg')
    expect(piped.stdout).toContain('User:alice')
    expect(piped.stdout.match(/class="edge"/g)).toHaveLength(5)
  })

  it('view formats: mermaid, json, a node neighbourhood, svg and png --out', async () => {
    const db = await socialDb()
    const dir = await tempDir()
    const mermaid = await kv([
      'graph',
      'view',
      'User',
      'carol',
      '--depth',
      '1',
      '--format',
      'mermaid',
      '--db',
      db,
    ])
    expect(mermaid.stdout).toMatch(/^flowchart LR\n/)
    expect(mermaid.stdout).toContain('"User:carol"')
    expect(mermaid.stdout).not.toContain('Post:p1')
    const json = JSON.parse(
      (await kv(['graph', 'view', '--format', 'json', '--edge-type', 'likes', '--db', db])).stdout,
    )
    expect(json.edges).toEqual([EDGES[4]])
    const svgFile = join(dir, 'g.svg')
    const svg = await kv(['graph', 'view', '--format', 'svg', '--out', svgFile, '--db', db])
    expect(JSON.parse(svg.stdout)).toMatchObject({
      out: svgFile,
      format: 'svg',
      nodes: 5,
      edges: 5,
    })
    expect(await readFile(svgFile, 'utf8')).toContain('<svg')
    const png = await kv(['graph', 'view', '--format', 'png', '--db', db])
    expect(png.code).toBe(0)
    expect(png.bytes.subarray(0, 8)).toEqual(
      Buffer.from([0x89, 0x50, 0x4e, 0x47, 0x0d, 0x0a, 0x1a, 0x0a]),
    )
    const half = await kv(['graph', 'view', 'User', '--db', db])
    expect(half.code).toBe(2)
    // Without Graphviz on PATH: one line naming the problem.
    const noDot = await kv(['graph', 'view', '--format', 'svg', '--db', db], { env: { PATH: dir } })
    expect(noDot).toMatchObject({ code: 1, stdout: '' })
    expect(noDot.stderr.trimEnd().split('\n')).toHaveLength(1)
    expect(noDot.stderr).toMatch(/^kv: .*\(RENDER_GRAPHVIZ_MISSING\)\n$/)
  })
})
