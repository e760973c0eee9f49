import type { Command } from 'commander'
import { registerExport } from './export.js'
import { registerGraph } from './graph.js'
import { registerImport } from './import.js'
import { registerView } from './view.js'

export function registerGraphGroup(program: Command): void {
  const graph = program.command('graph').description('typed edges between (type, id) nodes')
  registerGraph(graph)
  registerView(graph)
  registerImport(graph)
  registerExport(graph)
}
