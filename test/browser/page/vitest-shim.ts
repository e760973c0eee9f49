// `vitest` inside the page: the conformance and graph suites import describe/it/expect from
// 'vitest'; the page bundle maps that import here. Tests are collected into a tree and run by
// runSuites() in order; expect is vitest's own (@vitest/expect on chai), vi is @vitest/spy.
import {
  ASYMMETRIC_MATCHERS_OBJECT,
  chai,
  getState,
  JestAsymmetricMatchers,
  JestChaiExpect,
  JestExtend,
  setState,
} from '@vitest/expect'
import * as spy from '@vitest/spy'

chai.use(JestExtend)
chai.use(JestChaiExpect)
chai.use(JestAsymmetricMatchers)

type Fn = () => unknown
interface Block {
  name: string
  tests: { name: string; fn: Fn }[]
  blocks: Block[]
  beforeAll: Fn[]
  afterAll: Fn[]
  beforeEach: Fn[]
  afterEach: Fn[]
}
const block = (name: string): Block => ({
  name,
  tests: [],
  blocks: [],
  beforeAll: [],
  afterAll: [],
  beforeEach: [],
  afterEach: [],
})
const root = block('')
let current = root

export function describe(name: string, body: () => void): void {
  const child = block(name)
  current.blocks.push(child)
  const parent = current
  current = child
  try {
    body()
  } finally {
    current = parent
  }
}
export function it(name: string, fn: Fn): void {
  current.tests.push({ name, fn })
}
export const test = it
export const beforeAll = (fn: Fn) => void current.beforeAll.push(fn)
export const afterAll = (fn: Fn) => void current.afterAll.push(fn)
export const beforeEach = (fn: Fn) => void current.beforeEach.push(fn)
export const afterEach = (fn: Fn) => void current.afterEach.push(fn)
export const inject = (_key: string) => undefined

// biome-ignore lint/suspicious/noExplicitAny: the shape of vitest's expect, built as vitest builds it.
export const expect: any = (value: unknown, message?: string) => {
  const state = getState(expect)
  setState({ assertionCalls: state.assertionCalls + 1 }, expect)
  return chai.expect(value, message)
}
Object.assign(expect, chai.expect)
Object.assign(expect, (globalThis as Record<PropertyKey, unknown>)[ASYMMETRIC_MATCHERS_OBJECT])
setState({ assertionCalls: 0, isExpectingAssertions: false, currentTestName: '' }, expect)

export const vi = {
  fn: spy.fn,
  spyOn: spy.spyOn,
  restoreAllMocks: spy.restoreAllMocks,
}

export interface PageResult {
  name: string
  ok: boolean
  error?: string
  ms: number
}

/** Runs every collected test in order; one result per test, named by its describe path. */
export async function runSuites(onResult?: (result: PageResult) => void): Promise<PageResult[]> {
  const results: PageResult[] = []
  async function run(b: Block, path: string[], each: { before: Fn[]; after: Fn[] }) {
    const names = b.name ? [...path, b.name] : path
    const hooks = {
      before: [...each.before, ...b.beforeEach],
      after: [...b.afterEach, ...each.after],
    }
    let setupError: unknown
    try {
      for (const fn of b.beforeAll) await fn()
    } catch (error) {
      setupError = error
    }
    for (const t of b.tests) {
      const name = [...names, t.name].join(' > ')
      const started = performance.now()
      let error = setupError
      if (!error) {
        try {
          for (const fn of hooks.before) await fn()
          await t.fn()
        } catch (e) {
          error = e
        }
        try {
          for (const fn of hooks.after) await fn()
        } catch (e) {
          error ??= e
        }
      }
      const result: PageResult = { name, ok: !error, ms: Math.round(performance.now() - started) }
      if (error) result.error = String((error as Error)?.stack ?? error)
      results.push(result)
      onResult?.(result)
    }
    for (const child of b.blocks) await run(child, names, hooks)
    for (const fn of b.afterAll) await fn()
  }
  await run(root, [], { before: [], after: [] })
  return results
}
