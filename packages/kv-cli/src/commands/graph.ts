import type {
  BfsOptions,
  EdgeDirection,
  EdgePage,
  PageOptions,
  ShortestPathOptions,
} from '@kvgraph/graph'
import type { Command } from 'commander'
import { act, printFromGraph } from '../action.js'
import type { Context } from '../context.js'
import { found } from '../errors.js'
import { printCursor } from '../io/cursor.js'
import { nonNegativeInt, positiveInt } from '../io/parse.js'
import { optionalProps } from '../io/stdin-json.js'
import { directionOption, node, withEdgeTypes } from './graph-options.js'

type Edge5 = [string, string, string, string, string]

const EDGE_ARGS = '<from-type> <from-id> <edge-type> <to-type> <to-id>'

export function registerGraph(graph: Command): void {
  graph
    .command('add-edge')
    .description('create an edge, or replace its props (props: a JSON object on stdin or --props)')
    .arguments(EDGE_ARGS)
    .option('--props <json>', 'the props, instead of reading stdin')
    .addHelpText(
      'after',
      '\nExamples:\n  kv graph add-edge User alice follows User bob --props \'{"since":2020}\'\n  echo \'{"weight":2}\' | kv graph add-edge City paris road City lyon',
    )
    .action(
      act<{ props?: string }, Edge5>(async (ctx, opts, ft, fid, type, tt, tid) => {
        const props = await optionalProps(opts.props, '--props')
        const edge = await (await ctx.graph()).addEdge(node(ft, fid), type, node(tt, tid), props)
        await ctx.out.json(edge)
      }),
    )

  graph
    .command('get-edge')
    .description('print an edge; a missing edge prints nothing and exits 1')
    .arguments(EDGE_ARGS)
    .action(
      printFromGraph<Edge5>(async (g, ft, fid, type, tt, tid) =>
        found(
          await g.getEdge(node(ft, fid), type, node(tt, tid)),
          `edge ${ft}:${fid} -${type}-> ${tt}:${tid} not found`,
        ),
      ),
    )

  graph
    .command('remove-edge')
    .description('remove an edge; prints {"removed": true|false}')
    .arguments(EDGE_ARGS)
    .action(
      printFromGraph<Edge5>(async (g, ft, fid, type, tt, tid) => ({
        removed: await g.removeEdge(node(ft, fid), type, node(tt, tid)),
      })),
    )

  graph
    .command('put-node')
    .description("create or replace a node's record (props: a JSON object on stdin or --props)")
    .argument('<type>')
    .argument('<id>')
    .option('--props <json>', 'the props, instead of reading stdin')
    .action(
      act<{ props?: string }, [string, string]>(async (ctx, opts, type, id) => {
        const props = await optionalProps(opts.props, '--props')
        await ctx.out.json(await (await ctx.graph()).putNode(node(type, id), props))
      }),
    )

  graph
    .command('get-node')
    .description("print a node's record; a node without one prints nothing and exits 1")
    .argument('<type>')
    .argument('<id>')
    .action(
      printFromGraph<[string, string]>(async (g, type, id) =>
        found(await g.getNode(node(type, id)), `node ${type}:${id} not found`),
      ),
    )

  graph
    .command('remove-node')
    .description('remove a node\'s record and all its edges; prints {"record": bool, "edges": n}')
    .argument('<type>')
    .argument('<id>')
    .action(printFromGraph<[string, string]>((g, type, id) => g.removeNode(node(type, id))))

  for (const which of ['outgoing', 'incoming'] as const) {
    graph
      .command(which)
      .description(`print a node's ${which} edges, one per line (next cursor on stderr)`)
      .argument('<type>')
      .argument('<id>')
      .option('--type <edge-type>', 'only edges of this type')
      .option('--limit <n>', 'edges per page (default 1000)', positiveInt)
      .option('--cursor <cursor>', 'resume after a previous page')
      .action(
        act<PageOptions, [string, string]>(async (ctx, opts, type, id) => {
          const options: PageOptions = {}
          if (opts.type !== undefined) options.type = opts.type
          if (opts.limit !== undefined) options.limit = opts.limit
          if (opts.cursor !== undefined) options.cursor = opts.cursor
          const g = await ctx.graph()
          const page: EdgePage = await g[which](node(type, id), options)
          await printEdges(ctx, page)
        }),
      )
  }

  graph
    .command('degree')
    .description("print a node's number of edges")
    .argument('<type>')
    .argument('<id>')
    .option('--type <edge-type>', 'only edges of this type')
    .addOption(directionOption('both'))
    .action(
      act<{ type?: string; direction: EdgeDirection }, [string, string]>(
        async (ctx, opts, type, id) => {
          const options = opts.type === undefined ? {} : { type: opts.type }
          const g = await ctx.graph()
          await ctx.out.json(
            await g.degree(node(type, id), { ...options, direction: opts.direction }),
          )
        },
      ),
    )

  withEdgeTypes(
    graph
      .command('bfs')
      .description('breadth-first traversal: prints {node, depth, edge} per node reached')
      .argument('<type>')
      .argument('<id>')
      .option('--depth <n>', 'hops from the start (default: no limit)', nonNegativeInt)
      .option('--max-nodes <n>', 'stop after visiting this many nodes', positiveInt)
      .addOption(directionOption('out')),
  ).action(
    act<
      { depth?: number; maxNodes?: number; direction: EdgeDirection; edgeTypes?: string[] },
      [string, string]
    >(async (ctx, opts, type, id) => {
      const options: BfsOptions = { direction: opts.direction }
      if (opts.depth !== undefined) options.maxDepth = opts.depth
      if (opts.maxNodes !== undefined) options.maxNodes = opts.maxNodes
      if (opts.edgeTypes !== undefined) options.edgeTypes = opts.edgeTypes
      const traversal = (await ctx.graph()).bfs(node(type, id), options)
      for await (const step of traversal) await ctx.out.json(step)
      await ctx.out.flush()
      if (traversal.stopped) process.stderr.write(`stopped: ${traversal.stopped}\n`)
    }),
  )

  withEdgeTypes(
    graph
      .command('find-path')
      .description(
        'print the shortest path (fewest hops, or least total --weight); exits 1 if none',
      )
      .argument('<from-type>')
      .argument('<from-id>')
      .argument('<to-type>')
      .argument('<to-id>')
      .option('--weight <prop>', 'minimise the sum of this numeric edge property (Dijkstra)')
      .option('--max-depth <n>', 'longest path to consider, in hops', nonNegativeInt)
      .option('--max-nodes <n>', 'nodes the search may visit', positiveInt)
      .addOption(directionOption('out')),
  ).action(
    act<
      {
        weight?: string
        maxDepth?: number
        maxNodes?: number
        direction: EdgeDirection
        edgeTypes?: string[]
      },
      [string, string, string, string]
    >(async (ctx, opts, ft, fid, tt, tid) => {
      const options: ShortestPathOptions = { direction: opts.direction }
      if (opts.weight !== undefined) options.weight = opts.weight
      if (opts.maxDepth !== undefined) options.maxDepth = opts.maxDepth
      if (opts.maxNodes !== undefined) options.maxNodes = opts.maxNodes
      if (opts.edgeTypes !== undefined) options.edgeTypes = opts.edgeTypes
      const path = await (await ctx.graph()).shortestPath(node(ft, fid), node(tt, tid), options)
      await ctx.out.json(found(path, `no path from ${ft}:${fid} to ${tt}:${tid}`))
    }),
  )
}

async function printEdges(ctx: Context, page: EdgePage): Promise<void> {
  for (const edge of page.edges) await ctx.out.json(edge)
  await ctx.out.flush()
  printCursor(page.cursor)
}
