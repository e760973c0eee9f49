import { writeFile } from 'node:fs/promises'
import type { EdgeDirection, ViewOptions } from '@kvgraph/graph'
import type { Direction } from '@kvgraph/graph/render'
import { type Command, Option } from 'commander'
import { act } from '../action.js'
import { usageError } from '../errors.js'
import { collect, nonNegativeInt, positiveInt } from '../io/parse.js'
import { directionOption, node } from './graph-options.js'

const FORMATS = ['dot', 'mermaid', 'svg', 'png', 'json'] as const
type Format = (typeof FORMATS)[number]

interface ViewFlags {
  depth?: number
  edgeType?: string[]
  nodeType?: string[]
  direction: EdgeDirection
  maxEdges?: number
  maxNodes?: number
  format: Format
  out?: string
  showProps?: boolean
  rankdir: Direction
  title?: string
}

export function registerView(graph: Command): void {
  graph
    .command('view')
    .description(
      'draw the whole graph, or a node and its neighbourhood, as DOT, Mermaid, SVG or PNG',
    )
    .argument('[type]', 'center node type')
    .argument('[id]', 'center node id')
    .option('--depth <n>', 'hops around the center node (default 1)', nonNegativeInt)
    .option('--edge-type <type>', 'only edges of this type (repeatable, comma-separated)', collect)
    .option('--node-type <type>', 'only nodes of this type (repeatable, comma-separated)', collect)
    .addOption(directionOption('both'))
    .option('--max-edges <n>', 'cut the view at this many edges', positiveInt)
    .option('--max-nodes <n>', 'cut the view at this many nodes', positiveInt)
    .addOption(new Option('--format <format>', 'output format').choices(FORMATS).default('dot'))
    .option('--out <file>', 'write to this file instead of stdout')
    .option('--show-props', 'add props (compact JSON) to the labels')
    .addOption(
      new Option('--rankdir <dir>', 'layout direction')
        .choices(['LR', 'TB', 'RL', 'BT'])
        .default('LR'),
    )
    .option('--title <title>', 'a title above the graph (dot, svg, png)')
    .addHelpText(
      'after',
      '\nExamples:\n  kv graph view --format dot | dot -Tsvg > graph.svg\n  kv graph view User alice --depth 2 --format png --out alice.png\n  kv graph view --format mermaid --edge-type follows',
    )
    .action(
      act<ViewFlags, [string | undefined, string | undefined]>(async (ctx, opts, type, id) => {
        if (type !== undefined && id === undefined) {
          throw usageError('view needs both <type> and <id> of the center node, or neither')
        }
        if (opts.format === 'png' && opts.out === undefined && process.stdout.isTTY) {
          throw usageError('refusing to write PNG to a terminal: use --out <file> or a pipe')
        }
        const options: ViewOptions = { direction: opts.direction }
        if (type !== undefined && id !== undefined) options.node = node(type, id)
        if (opts.depth !== undefined) options.depth = opts.depth
        if (opts.edgeType !== undefined) options.edgeTypes = opts.edgeType
        if (opts.nodeType !== undefined) options.nodeTypes = opts.nodeType
        if (opts.maxEdges !== undefined) options.maxEdges = opts.maxEdges
        if (opts.maxNodes !== undefined) options.maxNodes = opts.maxNodes
        const view = await (await ctx.graph()).view(options)
        if (view.truncated) process.stderr.write('truncated: the view was cut at a bound\n')

        let output: string | Uint8Array
        if (opts.format === 'json')
          output = `${JSON.stringify(view, null, ctx.globals.pretty ? 2 : undefined)}\n`
        else {
          const render = await import('@kvgraph/graph/render')
          const dotOptions = {
            rankdir: opts.rankdir,
            showProps: opts.showProps === true,
            ...(opts.title === undefined ? {} : { title: opts.title }),
          }
          if (opts.format === 'dot') output = render.toDot(view, dotOptions)
          else if (opts.format === 'mermaid') {
            output = render.toMermaid(view, {
              direction: opts.rankdir,
              showProps: opts.showProps === true,
            })
          } else if (opts.format === 'svg') output = await render.renderSvg(view, dotOptions)
          else output = await render.renderPng(view, dotOptions)
          if (typeof output === 'string' && !output.endsWith('\n')) output += '\n'
        }

        if (opts.out !== undefined) {
          await writeFile(opts.out, output)
          const bytes = typeof output === 'string' ? Buffer.byteLength(output) : output.byteLength
          await ctx.out.json({
            out: opts.out,
            format: opts.format,
            nodes: view.nodes.length,
            edges: view.edges.length,
            bytes,
          })
        } else if (typeof output === 'string') await ctx.out.text(output)
        else await ctx.out.bytes(output)
      }),
    )
}
