import { EventEmitter } from 'node:events'
import { openStore } from '@kvgraph/core'
import type { FastifyReply, FastifyRequest } from 'fastify'
import { expect, it } from 'vitest'
import { ServerContext } from '../src/context.js'
import { DEFAULT_LIMITS } from '../src/options.js'

// The signal a traversal gets: a client that goes away before its reply aborts it; one whose
// reply was sent does not; a server that stops aborts every one.
it('aborts on a disconnect before the reply is sent, and when the server stops', async () => {
  const store = await openStore(':memory:')
  const ctx = new ServerContext(store, DEFAULT_LIMITS)
  const fake = (finished: boolean) => {
    const raw = Object.assign(new EventEmitter(), { writableFinished: finished })
    return { raw, reply: { raw } as unknown as FastifyReply }
  }
  const request = { url: '/graph/bfs' } as FastifyRequest

  const gone = fake(false)
  const goneSignal = ctx.requestSignal(request, gone.reply)
  expect(goneSignal.aborted).toBe(false)
  gone.raw.emit('close')
  expect(goneSignal.aborted).toBe(true)

  const answered = fake(true)
  const answeredSignal = ctx.requestSignal(request, answered.reply)
  answered.raw.emit('close')
  expect(answeredSignal.aborted).toBe(false)

  ctx.stopping.abort()
  expect(answeredSignal.aborted).toBe(true)
  await store.close()
})
