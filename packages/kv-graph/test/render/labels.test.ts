import { describe, expect, test } from 'vitest'
import { dotLabel } from '../../src/render/dot-escape.js'
import { displayText, PROPS_MAX_LENGTH, propsText, shorten } from '../../src/render/labels.js'
import { mermaidLabel } from '../../src/render/mermaid-escape.js'

describe('displayText', () => {
  test('keeps ordinary text, including emoji, CJK, tabs and quotes', () => {
    for (const text of ['alice', '👩‍👩‍👧 漢字', 'a\tb', '"\\<>&#;']) {
      expect(displayText(text)).toBe(text)
    }
  })

  test('normalises line breaks and makes other controls visible', () => {
    expect(displayText('a\r\nb\rc\nd')).toBe('a\nb\nc\nd')
    expect(displayText('\0\x1b\x7f')).toBe('\u2400\u241b\u2421')
    expect(displayText('\ud800x\udc00\ufffe\uffff')).toBe('\ufffdx\ufffd\ufffd\ufffd')
  })
})

describe('shorten and propsText', () => {
  test('cuts at 48 graphemes with an ellipsis and never splits a grapheme', () => {
    expect(PROPS_MAX_LENGTH).toBe(48)
    expect(shorten('x'.repeat(48))).toBe('x'.repeat(48))
    expect(shorten('x'.repeat(49))).toBe(`${'x'.repeat(47)}…`)
    const family = '👩‍👩‍👧'
    expect(shorten(family.repeat(48))).toBe(family.repeat(48))
    expect(shorten(family.repeat(49))).toBe(`${family.repeat(47)}…`)
  })

  test('props are compact JSON, and absent when empty', () => {
    expect(propsText({})).toBeUndefined()
    expect(propsText({ since: '2024-01-01', n: [1, null] })).toBe(
      '{"since":"2024-01-01","n":[1,null]}',
    )
  })
})

describe('dotLabel', () => {
  test('escapes backslashes, quotes, line breaks and entity characters', () => {
    expect(dotLabel('a\\')).toBe('a\\\\')
    expect(dotLabel('\\"')).toBe('\\\\\\"')
    expect(dotLabel('1\n2')).toBe('1\\n2')
    expect(dotLabel('<b>&amp;</b>')).toBe('&lt;b&gt;&amp;amp;&lt;/b&gt;')
  })
})

describe('mermaidLabel', () => {
  test('keeps letters, digits and harmless punctuation readable', () => {
    expect(mermaidLabel('User:alice-1_b.c,d@e/f')).toBe('User:alice-1_b.c,d@e/f')
    expect(mermaidLabel('漢字 😀')).toBe('漢字 😀')
  })

  test('encodes everything that could be syntax, HTML or a directive', () => {
    expect(mermaidLabel('"#;')).toBe('#34;#35;#59;')
    expect(mermaidLabel('%%{init: {}}%%')).toBe('#37;#37;#123;init: #123;#125;#125;#37;#37;')
    expect(mermaidLabel('<script>')).toBe('#60;script#62;')
    expect(mermaidLabel('a-->b|c]d`e\\f&g')).toBe('a--#62;b#124;c#93;d#96;e#92;f#38;g')
    expect(mermaidLabel('\u2028\u00a0\u200b\ufb02\u00b6')).toBe('#8232;#160;#8203;#64258;#182;')
  })

  test('breaks the keywords of Mermaid’s line-wide style and classDef pre-pass', () => {
    expect(mermaidLabel('style:#f00; classDef x:#0f0;')).toBe(
      '#115;tyle:#35;f00#59; #99;lassDef x:#35;0f0#59;',
    )
    expect(mermaidLabel('Style classdef sstyle')).toBe('Style classdef s#115;tyle')
  })

  test('line breaks become <br>; leading and trailing spaces survive trimming', () => {
    expect(mermaidLabel(' a b\nc ')).toBe('#32;a b<br>c#32;')
    expect(mermaidLabel(' ')).toBe('#32;')
  })
})
