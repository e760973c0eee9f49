import type { Command } from 'commander'
import { act } from '../action.js'
import { nonNegativeInt } from '../io/parse.js'

interface ServeFlags {
  host: string
  port: number
  token?: string
  cors?: string
  bodyLimit: string
}

export function registerServe(program: Command): void {
  program
    .command('serve')
    .description(
      'serve the store over HTTP (the API and the graph explorer at /) until SIGTERM or Ctrl-C',
    )
    .option('--host <host>', 'address to bind; anything but loopback prints a warning', '127.0.0.1')
    .option('--port <n>', 'port to listen on; 0 picks a free one', nonNegativeInt, 7070)
    .option(
      '--token <token>',
      'the Bearer token clients send (default $KV_TOKEN, else generated and printed once)',
    )
    .option('--cors <origin>', 'allow this origin to call the API from a browser')
    .option('--body-limit <size>', 'largest request body, like 1mb or 512kb', '1mb')
    .addHelpText(
      'after',
      `
Once listening it prints "listening on http://HOST:PORT". SIGTERM or Ctrl-C stop it gracefully:
requests in flight finish (up to 10 s), then the store closes. On LevelDB the server is the one
process holding the database; on PostgreSQL several servers can share one table.

Examples:
  kv serve --port 0
  KV_TOKEN=secret kv --db postgres://localhost/app serve --host 0.0.0.0`,
    )
    .action(
      act<ServeFlags>(async (ctx, opts) => {
        const store = await ctx.store()
        const { createServer } = await import('@kvgraph/server')
        const token = opts.token ?? (process.env.KV_TOKEN || undefined)
        const server = await createServer({
          store,
          host: opts.host,
          port: opts.port,
          bodyLimit: opts.bodyLimit,
          ...(token === undefined ? {} : { token }),
          ...(opts.cors === undefined ? {} : { cors: opts.cors }),
        })
        if (server.tokenGenerated) process.stdout.write(`token: ${server.token}\n`)
        const stopped = new Promise<void>((resolve) => {
          const stop = (signal: string) => {
            process.stderr.write(`${signal}: stopping\n`)
            server.close().then(resolve, resolve)
          }
          process.once('SIGTERM', stop)
          process.once('SIGINT', stop)
        })
        process.stdout.write(`listening on ${await server.listen()}\n`)
        await stopped // then act() closes the store: every acknowledged write is on disk
      }),
    )
}
