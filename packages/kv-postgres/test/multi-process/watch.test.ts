import { setTimeout as sleep } from 'node:timers/promises'
import { openStore } from '@kvgraph/core'
import { type CommittedChange, onCommit } from '@kvgraph/core/internal'
import { afterAll, beforeAll, describe, expect, it } from 'vitest'
import { postgresUrl, uniqueTable } from '../helpers.js'
import { type Child, type ChildEvent, cleanup, startChildren, withTable } from './children.js'

type Heard = Array<{ key: string; version: number; seq?: number }>

// A watcher and a commit listener in process A hear what process B commits, within about one
// poll interval (250 ms by default), though nothing in A wrote.
describe('cross-process watch and commit listeners', () => {
  const table = uniqueTable('mp_watch')
  let children: Child[] = []
  let a: Child
  let b: Child
  /** Polls once a minute: it hears B only through syncCommits. */
  let c: Child

  beforeAll(async () => {
    children = await startChildren(postgresUrl(), table, 2)
    ;[a, b] = children as [Child, Child]
    ;[c] = (await startChildren(postgresUrl(), table, 1, { pollIntervalMs: 60_000 })) as [Child]
    children.push(c)
  })
  afterAll(() => cleanup(postgresUrl(), table, children))

  const heardBy = (child: Child, event: string, id?: string): Heard =>
    child.events
      .filter((e) => e.event === event && (id === undefined || e.id === id))
      .flatMap((e: ChildEvent) => (e.events ?? e.changes) as Heard)

  it("A's watch() hears B's writes within a second", async () => {
    await a.call('watch', 'all', '')
    await a.call('watch', 'users', 'user/')
    await sleep(100) // the watches have read the stream's end
    for (let i = 0; i < 5; i++) {
      await b.call('put', `user/${i}`, { i })
      const written = Date.now() // acknowledged to B
      await b.call('put', `other/${i}`, { i })
      const event = await a.waitFor(
        (e) => e.event === 'watch' && e.id === 'users' && heardBy(a, 'watch', 'users').length > i,
        2000,
      )
      expect(event.at as number).toBeLessThan(written + 1000)
    }
    await a.waitFor(() => heardBy(a, 'watch', 'all').length === 10, 2000)
    expect(heardBy(a, 'watch', 'users').map((e) => e.key)).toEqual(
      [0, 1, 2, 3, 4].map((i) => `user/${i}`),
    )
    expect(heardBy(a, 'watch', 'all').map((e) => e.key)).toEqual(
      [0, 1, 2, 3, 4].flatMap((i) => [`user/${i}`, `other/${i}`]),
    )
    await a.call('unwatch', 'all')
    await a.call('unwatch', 'users')
  })

  it("onCommit in A hears B's commits by itself, and all of them after syncCommits", async () => {
    await a.call('listen')
    await c.call('listen')
    await sleep(100)
    await b.call('put', 'note/1', 'one')
    const written = Date.now()
    await a.waitFor((e) => e.event === 'commit', 1000)
    expect(Date.now() - written).toBeLessThan(1000)
    // A burst, then an explicit catch-up: every commit is heard once, in commit order.
    await b.call('mutate', [
      { op: 'put', key: 'note/2', value: 'two' },
      { op: 'delete', key: 'note/1' },
    ])
    await b.call('put', 'note/3', 'three')
    const expected = [
      [{ action: 'create', key: 'note/1', version: 1, type: 'note' }],
      [
        { action: 'create', key: 'note/2', version: 1, type: 'note' },
        { action: 'delete', key: 'note/1', version: 1, type: 'note' },
      ],
      [{ action: 'create', key: 'note/3', version: 1, type: 'note' }],
    ]
    for (const child of [a, c]) {
      await child.call('syncCommits')
      const commits = child.events.filter((e) => e.event === 'commit').map((e) => e.changes)
      expect(commits).toEqual(expected)
    }
  })

  it("a listener's own process's writes are heard before they resolve", async () => {
    await a.call('put', 'note/4', 'four')
    expect(heardBy(a, 'commit').at(-1)).toEqual({
      action: 'create',
      key: 'note/4',
      version: 1,
      type: 'note',
    })
  })

  it('a write right after the first listener of a space is added is heard, once', async () => {
    // The listener's start is read from the stream while the write commits: whichever lands
    // first, the write is heard before it resolves, and only once.
    const store = await openStore(withTable(postgresUrl(), table), { sweepIntervalMs: 0 })
    try {
      for (let i = 0; i < 20; i++) {
        const space = store.namespace(`race${i}`)
        const heard: CommittedChange[] = []
        onCommit(space, (changes) => heard.push(...changes))
        await space.put('k', i)
        expect(heard).toEqual([{ action: 'create', key: 'k', version: 1, type: 'k' }])
        await sleep(i % 5) // vary how far the start read gets
      }
    } finally {
      await store.close()
    }
  })
})
