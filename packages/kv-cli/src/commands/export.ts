import { createWriteStream } from 'node:fs'
import { finished } from 'node:stream/promises'
import { type Command, Option } from 'commander'
import { act } from '../action.js'
import { Output } from '../io/output.js'

interface ExportFlags {
  format: 'jsonl' | 'graphml'
  out?: string
  edgesOnly?: boolean
}

export function registerExport(graph: Command): void {
  graph
    .command('export')
    .description('write the whole graph as JSON lines (what import reads) or GraphML, streaming')
    .addOption(
      new Option('--format <format>', 'output format')
        .choices(['jsonl', 'graphml'])
        .default('jsonl'),
    )
    .option('--out <file>', 'write to this file instead of stdout')
    .option('--edges-only', 'jsonl: leave out node records')
    .addHelpText(
      'after',
      `
jsonl writes node records first ({"node":{"type","id"},"props"}), then edges
({"from":{"type","id"},"type","to":{"type","id"},"props"}); kv graph import reads both, so
  kv graph export --db a | kv graph import - --db b
copies a graph. GraphML node ids are JSON [type, id] pairs; props are JSON strings.`,
    )
    .action(
      act<ExportFlags>(async (ctx, opts) => {
        const graph = await ctx.graph()
        const { GRAPHML_FOOTER, GRAPHML_HEADER, graphmlEdge, graphmlNode } = await import(
          '../graph-io/graphml.js'
        )
        const file = opts.out === undefined ? undefined : createWriteStream(opts.out)
        const out = file ? new Output(false, file) : ctx.out
        let nodes = 0
        let edges = 0
        if (opts.format === 'graphml') {
          await out.text(GRAPHML_HEADER)
          for await (const { type, id, props, hasRecord } of graph.nodes()) {
            await out.text(graphmlNode({ type, id }, hasRecord ? props : undefined))
            nodes++
          }
          for await (const edge of graph.allEdges()) {
            await out.text(graphmlEdge(edge))
            edges++
          }
          await out.text(GRAPHML_FOOTER)
        } else {
          if (!opts.edgesOnly) {
            for await (const { type, id, props, hasRecord } of graph.nodes()) {
              if (!hasRecord) continue
              await out.text(`${JSON.stringify({ node: { type, id }, props })}\n`)
              nodes++
            }
          }
          for await (const edge of graph.allEdges()) {
            await out.text(`${JSON.stringify(edge)}\n`)
            edges++
          }
        }
        await out.flush()
        if (file) {
          file.end()
          await finished(file)
          await ctx.out.json({ out: opts.out, format: opts.format, nodes, edges })
        }
      }),
    )
}
