// The fence reader of docs.test.ts, on small pages.
import { describe, expect, it } from 'vitest'
import { fences, scriptBlocks, scriptFenceLines } from './support/markdown.js'

const page = [
  '# Title',
  '```ts',
  'const a = 1',
  '```',
  'text with ```ts inside a line',
  '````TypeScript title="b.ts"',
  'const b = "```"',
  '```',
  '````',
  '~~~sh',
  'echo c',
  '~~~',
  '  ```json',
  '  {}',
  '  ```',
  '```',
  'no language',
  '```',
  '```js',
  'unclosed',
].join('\n')

describe('markdown fences', () => {
  it('reads backtick and tilde fences, longer fences holding shorter ones, and info strings', () => {
    expect(fences(page)).toEqual([
      { language: 'ts', body: 'const a = 1\n' },
      { language: 'typescript', body: 'const b = "```"\n```\n' },
      { language: 'sh', body: 'echo c\n' },
      { language: 'json', body: '  {}\n' },
      { language: '', body: 'no language\n' },
      { language: 'js', body: 'unclosed\n' },
    ])
  })

  it('keeps the TypeScript and JavaScript blocks, and counts their opening lines apart', () => {
    expect(scriptBlocks(page)).toEqual(['const a = 1\n', 'const b = "```"\n```\n', 'unclosed\n'])
    expect(scriptFenceLines(page)).toBe(3)
    expect(scriptFenceLines('```{.ts}\nx\n```\n```tsx\ny\n```\n```json\n{}\n```')).toBe(2)
    expect(scriptBlocks('```{.ts}\nx\n```')).toEqual([])
  })
})
