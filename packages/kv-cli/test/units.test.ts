import { describe, expect, it } from 'vitest'
import { summarize } from '../src/bench/measure.js'
import { errorLine } from '../src/errors.js'
import { csvRows } from '../src/graph-io/csv.js'
import { csvLayout, itemOfCsv, itemOfJson } from '../src/graph-io/edge-input.js'
import { escapeXml, xmlSafeJson } from '../src/graph-io/xml.js'
import { isUrl, maskPasswords, storeLocation } from '../src/io/db-location.js'
import { duration, positiveInt, versionNumber } from '../src/io/parse.js'
import { formatBytes, Progress } from '../src/io/progress.js'
import { usageLine } from '../src/program.js'

async function* chunksOf(...parts: string[]) {
  yield* parts
}

async function parse(...parts: string[]) {
  const rows = []
  for await (const row of csvRows(chunksOf(...parts))) rows.push(row)
  return rows
}

describe('csvRows', () => {
  it('parses quoted fields with commas, doubled quotes and line breaks', async () => {
    const rows = await parse('a,"b,c","say ""hi""","x\ny"\r\n1,2,3,4')
    expect(rows).toEqual([
      { fields: ['a', 'b,c', 'say "hi"', 'x\ny'], line: 1 },
      { fields: ['1', '2', '3', '4'], line: 3 },
    ])
  })

  it('gives the same rows however the input is split into chunks', async () => {
    const text = 'h1,h2\r\n"a\r\nb","c""d"\r\n\r\ne,\n,f\r"g",""'
    const whole = await parse(text)
    expect(whole).toEqual([
      { fields: ['h1', 'h2'], line: 1 },
      { fields: ['a\r\nb', 'c"d'], line: 2 },
      { fields: ['e', ''], line: 5 },
      { fields: ['', 'f'], line: 6 },
      { fields: ['g', ''], line: 7 },
    ])
    for (let i = 1; i < text.length; i++) {
      expect(await parse(text.slice(0, i), text.slice(i))).toEqual(whole)
    }
    expect(await parse(...text.split(''))).toEqual(whole)
  })

  it('rejects malformed quoting with the line', async () => {
    await expect(parse('a,b\nc,d"e"\n')).rejects.toMatchObject({
      line: 2,
      message: expect.stringContaining('quote inside'),
    })
    await expect(parse('"a"b')).rejects.toMatchObject({
      line: 1,
      message: 'unexpected "b" after a closing quote',
    })
    await expect(parse('x\n"open,\n\n')).rejects.toMatchObject({
      line: 2,
      message: 'unterminated quoted field',
    })
  })
})

describe('import lines', () => {
  it('accepts the nested, flat and node shapes', () => {
    const edge = {
      from: { type: 'A', id: 'a' },
      type: 't',
      to: { type: 'B', id: 'b' },
      props: { w: 1 },
    }
    expect(itemOfJson(edge)).toEqual({ kind: 'edge', edge })
    expect(
      itemOfJson({
        fromType: 'A',
        fromId: 'a',
        type: 't',
        toType: 'B',
        toId: 'b',
        props: { w: 1 },
      }),
    ).toEqual({
      kind: 'edge',
      edge,
    })
    expect(itemOfJson({ node: { type: 'A', id: 'a' } })).toEqual({
      kind: 'node',
      node: { type: 'A', id: 'a' },
      props: {},
    })
    expect(() => itemOfJson([1])).toThrow('expected a JSON object')
    expect(() => itemOfJson({ ...edge, props: [1] })).toThrow('props must be a JSON object')
  })

  it('maps CSV columns by header name, props optional', () => {
    const layout = csvLayout(['\ufeffto_id', 'to_type', 'type', 'from_id', 'from_type'])
    expect(itemOfCsv(['b', 'B', 't', 'a', 'A'], layout)).toEqual({
      kind: 'edge',
      edge: { from: { type: 'A', id: 'a' }, type: 't', to: { type: 'B', id: 'b' }, props: {} },
    })
    expect(() => itemOfCsv(['b'], layout)).toThrow('expected 5 fields, found 1')
    expect(() => csvLayout(['from_type', 'from_id', 'type', 'to_type'])).toThrow(
      'missing column to_id',
    )
    const withProps = csvLayout(['from_type', 'from_id', 'type', 'to_type', 'to_id', 'props'])
    expect(() => itemOfCsv(['A', 'a', 't', 'B', 'b', '{'], withProps)).toThrow(
      'invalid JSON in the props column',
    )
  })
})

describe('XML escaping', () => {
  it('escapes markup and whitespace, and replaces what XML 1.0 cannot hold', () => {
    expect(escapeXml(`<a href="x">&'</a>`)).toBe(
      '&lt;a href=&quot;x&quot;&gt;&amp;&apos;&lt;/a&gt;',
    )
    expect(escapeXml('a\tb\nc\rd')).toBe('a&#9;b&#10;c&#13;d')
    expect(escapeXml('\u0000\u0008\u000b\ufffe\ud800x\udc00')).toBe(`${'\ufffd'.repeat(5)}x\ufffd`)
    expect(escapeXml('😀é')).toBe('😀é')
    expect(xmlSafeJson({ s: '\u0001\ufffe\ud800' })).toBe('{"s":"\\u0001\\ufffe\\ud800"}')
  })
})

describe('argument parsers', () => {
  it('durations, counts and versions', () => {
    expect(duration('500')).toBe(500)
    expect(duration('1.5s')).toBe(1500)
    expect(duration('2h')).toBe(7_200_000)
    expect(() => duration('0')).toThrow('positive duration')
    expect(() => duration('5 minutes')).toThrow()
    expect(positiveInt('12')).toBe(12)
    expect(() => positiveInt('1e3')).toThrow('positive integer')
    expect(versionNumber('-1')).toBe(-1)
    expect(() => versionNumber('-2')).toThrow()
  })
})

describe('messages', () => {
  it('errors and usage errors are one line', () => {
    expect(errorLine(Object.assign(new Error('bad\nthing'), { code: 'X_CODE' }))).toBe(
      'kv: bad thing (X_CODE)',
    )
    expect(errorLine('plain')).toBe('kv: plain')
    expect(usageLine("error: unknown command 'gett'\n(Did you mean get?)\n")).toBe(
      "kv: unknown command 'gett' (Did you mean get?) (CLI_USAGE)",
    )
  })
})

describe('Progress', () => {
  it('draws nothing unless enabled, then a bar with counts', () => {
    const written: string[] = []
    const stream = { isTTY: false, write: (text: string) => written.push(text) }
    const off = new Progress('x', 10, { stream })
    off.tick(5)
    off.finish()
    expect(written).toEqual([])
    const on = new Progress('import', 2_000_000, { stream, force: true, unit: 'bytes' })
    on.update(500_000)
    expect(on.line()).toMatch(/^import \[#{8}-{22}\] {2}25% 500 kB\/2\.0 MB \d+\.\ds$/)
    on.finish()
    expect(written.at(-1)).toBe('\n')
    expect(written.at(-2)).toMatch(/^\rimport \[.*\x1b\[K$/)
    const counter = new Progress('ops', undefined, { stream, force: true, unit: 'ops' })
    counter.tick(3)
    expect(counter.line()).toMatch(/^ops 3 ops \d+\.\ds$/)
    expect(formatBytes(999)).toBe('999 B')
    expect(formatBytes(1_234_567)).toBe('1.2 MB')
  })
})

describe('latency summary', () => {
  it('nearest-rank percentiles', () => {
    const latencies = Float64Array.from({ length: 100 }, (_, i) => 100 - i)
    expect(summarize(latencies)).toEqual({ p50Ms: 50, p99Ms: 99, meanMs: 50.5, maxMs: 100 })
  })
})

describe('--db locations', () => {
  it('a URL stays as given, a path becomes absolute', () => {
    expect(isUrl('postgres://u@h/db')).toBe(true)
    expect(isUrl('postgresql://h/db?table=t')).toBe(true)
    expect(isUrl('./data')).toBe(false)
    expect(isUrl('C:/data')).toBe(false)
    expect(storeLocation('postgres://u:p@h/db?table=t')).toBe('postgres://u:p@h/db?table=t')
    expect(storeLocation('data')).toBe(`${process.cwd()}/data`)
  })

  it('masks every password of every URL in a text, and password= parameters', () => {
    expect(maskPasswords('at postgres://u:secret@h:5432/db?table=t failed')).toBe(
      'at postgres://u:***@h:5432/db?table=t failed',
    )
    // The driver splits user info at the last '@': a password holding '@' stays hidden.
    expect(maskPasswords('postgres://u:p@ss@h1,h2:5/db')).toBe('postgres://u:***@h1,h2:5/db')
    expect(maskPasswords('a://x:1@h and b://y:2@k')).toBe('a://x:***@h and b://y:***@k')
    expect(maskPasswords('postgres://h/db?user=u&password=pw&table=t')).toBe(
      'postgres://h/db?user=u&password=***&table=t',
    )
    expect(maskPasswords('postgres://u@h/db ./data/x:y@z')).toBe('postgres://u@h/db ./data/x:y@z')
    expect(errorLine(new Error('no postgres://u:pw@h/db'))).toBe('kv: no postgres://u:***@h/db')
  })
})
