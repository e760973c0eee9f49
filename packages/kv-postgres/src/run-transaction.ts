import type { EngineTxn } from '@kvgraph/core'
import type { ReservedSql, Sql } from 'postgres'
import { isPrimaryLost, isReadOnly } from './errors.js'
import { PostgresTxn } from './postgres-txn.js'
import type { Query } from './range-iterator.js'
import type { Statements } from './statements.js'

/** Passes of `work` that may read speculatively; a pass after them reads every key it asks. */
const SPECULATIVE_PASSES = 4

/** `work` threw (not the driver): rethrown as it is, never retried. */
export class WorkFailure {
  constructor(readonly error: unknown) {}
}

/**
 * The connection was lost after COMMIT was sent: the transaction may have committed or not.
 * Never retried (a retry could apply it twice); the caller hears `outcome: 'unknown'`.
 */
export class CommitUnknown {
  constructor(readonly error: unknown) {}
}

/**
 * One attempt of a SERIALIZABLE transaction on a reserved connection. Statements are pipelined
 * where nothing waits on their answer: `BEGIN` goes out with the first read, and the writes with
 * `COMMIT`, so a transaction of one read-then-write costs two round trips fewer than sending each
 * and waiting. `work` runs again within the same transaction when a speculative read turned out
 * wrong (see PostgresTxn); nothing is written before the pass that commits.
 *
 * Resolves with work's result once committed. Rejects with a WorkFailure when `work` threw, a
 * CommitUnknown when the connection was lost after COMMIT was sent, or with the driver's error
 * (a serialization failure, a lost connection before COMMIT: nothing applied, ...).
 */
export async function runTransaction<T>(
  sql: Sql,
  statements: Statements,
  work: (txn: EngineTxn) => T | Promise<T>,
  lockTable: boolean,
): Promise<T> {
  const connection = await sql.reserve()
  const query: Query = (text, params) =>
    connection.unsafe(text, params as never[], { prepare: true }).values() as Promise<Buffer[][]>
  const begun = connection.unsafe('BEGIN ISOLATION LEVEL SERIALIZABLE')
  begun.catch(() => {}) // awaited below; a failed BEGIN fails the statements after it too
  // Every store transaction rewrites its space's stream head, so concurrent ones conflict:
  // optimistically, the one that started first commits first, and a process that writes without
  // pause starves every other (a writer lost 31 tries in a row in the restart test). LOCK TABLE
  // takes no snapshot, so each transaction's snapshot starts once it holds the lock: they queue
  // instead of failing. Correctness still rests on SERIALIZABLE alone.
  const lockFailure: Promise<unknown> = lockTable
    ? connection.unsafe(statements.writeLock).then(
        () => undefined,
        (error: unknown) => error,
      )
    : Promise.resolve(undefined)
  let open = true
  let readOnly = false
  try {
    return await attempt(connection, query, statements, work, begun, () => {
      open = false
    })
  } catch (error) {
    // A lock that failed (a statement timeout while queued) fails every statement after it:
    // its own error is the one that says why.
    const failure = (await lockFailure) ?? error
    readOnly = isReadOnly(failure)
    throw failure
  } finally {
    // On a read-only host (a standby) the connection is released inside its failed transaction:
    // the pool then closes it, and its replacement connects to the next host that fits
    // target_session_attrs. Rolled back, it would stay in the pool, on the standby.
    if (open && !readOnly) await connection.unsafe('ROLLBACK').catch(() => {})
    connection.release()
  }
}

async function attempt<T>(
  connection: ReservedSql,
  query: Query,
  statements: Statements,
  work: (txn: EngineTxn) => T | Promise<T>,
  begun: Promise<unknown>,
  ended: () => void,
): Promise<T> {
  const known = new Map<string, string | undefined>()
  for (let pass = 0; ; pass++) {
    const txn = new PostgresTxn(query, statements, known, pass < SPECULATIVE_PASSES)
    let outcome: { result: T } | WorkFailure
    try {
      outcome = { result: await work(txn) }
    } catch (error) {
      outcome = new WorkFailure(error)
    }
    // A driver error seen by work's reads comes first: work may have caught it.
    if (txn.failure !== undefined) throw txn.failure
    // Work that ran on a wrong guess (even one that threw) runs again on the truth.
    if (!(await txn.confirm())) continue
    if (outcome instanceof WorkFailure) throw outcome
    await begun
    // The writes and COMMIT in one round trip. After a failed write, the server answers
    // COMMIT with a rollback: the transaction is over either way.
    const [written, committed] = await Promise.allSettled([
      txn.flush(),
      connection.unsafe('COMMIT'),
    ])
    ended()
    // From here COMMIT may have reached the server: a lost connection leaves the outcome unknown.
    // A server's answer (a serialization failure, a failed write) means it did not commit.
    for (const settled of [written, committed]) {
      if (settled.status === 'rejected') {
        throw isPrimaryLost(settled.reason) && !isReadOnly(settled.reason)
          ? new CommitUnknown(settled.reason)
          : settled.reason
      }
    }
    return outcome.result
  }
}
