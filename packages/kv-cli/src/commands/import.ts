import { stat } from 'node:fs/promises'
import type { EdgeInput } from '@kvgraph/graph'
import { type Command, Option } from 'commander'
import { act } from '../action.js'
import { errorCode } from '../errors.js'
import type { ImportFormat } from '../graph-io/import-items.js'
import { positiveInt } from '../io/parse.js'
import { Progress } from '../io/progress.js'

const LOCATED_CODES = new Set([
  'GRAPH_INVALID_NODE',
  'GRAPH_INVALID_ARGUMENT',
  'GRAPH_KEY_TOO_LONG',
])

export function registerImport(graph: Command): void {
  graph
    .command('import')
    .description('import edges (and node records) from JSON lines or CSV, streaming')
    .argument('<file>', "the file ('-' for stdin)")
    .addOption(
      new Option(
        '--format <format>',
        'input format (default: from the extension, else sniffed)',
      ).choices(['jsonl', 'csv']),
    )
    .option('--batch-size <n>', 'edges per atomic batch (default 1000)', positiveInt)
    .addHelpText(
      'after',
      `
JSON lines, one object per line:
  {"from":{"type":"User","id":"alice"},"type":"follows","to":{"type":"User","id":"bob"},"props":{"since":2020}}
  {"fromType":"User","fromId":"alice","type":"follows","toType":"User","toId":"bob"}
  {"node":{"type":"User","id":"alice"},"props":{"name":"Alice"}}      (a node record)
CSV with a header (props: an optional JSON column; quote fields holding commas, quotes, newlines):
  from_type,from_id,type,to_type,to_id,props
  User,alice,follows,User,bob,"{""since"":2020}"

A progress bar is drawn on stderr when it is a terminal. Edges are written in atomic batches:
on a malformed line the import stops with its line number, and the batches before stay written.`,
    )
    .action(
      act<{ format?: ImportFormat; batchSize?: number }, [string]>(async (ctx, opts, file) => {
        const { formatOfName, importItems } = await import('../graph-io/import-items.js')
        const { textChunks } = await import('../graph-io/text-chunks.js')
        const source = file === '-' ? 'stdin' : file
        const size = file === '-' ? undefined : (await stat(file)).size
        const format = opts.format ?? (file === '-' ? undefined : formatOfName(file))
        const graph = await ctx.graph()
        const progress = new Progress('import', size, { unit: 'bytes' })
        const started = performance.now()
        let nodes = 0
        let lastLine = 0
        const items = importItems(
          textChunks(file, (bytes) => progress.update(bytes)),
          format,
          source,
        )
        async function* edges(): AsyncGenerator<EdgeInput> {
          for await (const { item, line } of items) {
            lastLine = line
            if (item.kind === 'edge') yield item.edge
            else {
              await graph.putNode(item.node, item.props)
              nodes++
            }
          }
        }
        let count: number
        try {
          count = await graph.import(edges(), opts.batchSize ? { batchSize: opts.batchSize } : {})
        } catch (error) {
          const code = errorCode(error)
          if (code && LOCATED_CODES.has(code) && error instanceof Error) {
            error.message = `${source}:${lastLine}: ${error.message}`
          }
          throw error
        } finally {
          progress.finish()
        }
        const seconds = (performance.now() - started) / 1000
        await ctx.out.json({ edges: count, nodes, seconds: Number(seconds.toFixed(3)) })
      }),
    )
}
