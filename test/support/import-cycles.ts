// The import graph of TypeScript sources, read statically, and the cycles in it. Only relative
// specifiers count (packages import each other by name, and their direction is checked by npm's
// dependency graph); type-only imports count too: a cycle of types is a cycle of concepts.
import { existsSync, readdirSync, readFileSync, statSync } from 'node:fs'
import { join, posix, relative, sep } from 'node:path'
import ts from 'typescript'

/** Every `.ts` file below `dirs` (relative to `root`), as `/`-separated paths relative to `root`. */
export function sourceFiles(root: string, dirs: string[]): string[] {
  const files: string[] = []
  const walk = (dir: string) => {
    for (const entry of readdirSync(dir, { withFileTypes: true })) {
      const path = join(dir, entry.name)
      if (entry.isDirectory()) walk(path)
      else if (entry.name.endsWith('.ts')) files.push(relative(root, path).split(sep).join('/'))
    }
  }
  for (const dir of dirs) {
    const path = join(root, dir)
    if (existsSync(path) && statSync(path).isDirectory()) walk(path)
  }
  return files.sort()
}

/** The module specifiers of a file's static `import ... from`, `import '...'` and `export ... from`. */
export function importSpecifiers(text: string): string[] {
  const source = ts.createSourceFile('file.ts', text, ts.ScriptTarget.Latest, false)
  const specifiers: string[] = []
  for (const statement of source.statements) {
    const specifier =
      ts.isImportDeclaration(statement) || ts.isExportDeclaration(statement)
        ? statement.moduleSpecifier
        : undefined
    if (specifier && ts.isStringLiteral(specifier)) specifiers.push(specifier.text)
  }
  return specifiers
}

/**
 * The file a relative specifier names, among `files`: `./x.js` is `./x.ts`, `./x` is `./x.ts` or
 * `./x/index.ts`. Undefined for package names and for files that are not among `files`.
 */
export function resolveSpecifier(
  from: string,
  specifier: string,
  files: ReadonlySet<string>,
): string | undefined {
  if (!specifier.startsWith('./') && !specifier.startsWith('../')) return undefined
  const base = posix.join(posix.dirname(from), specifier)
  const stem = base.replace(/\.js$/, '')
  return [base, `${stem}.ts`, `${base}.ts`, `${stem}/index.ts`].find((path) => files.has(path))
}

/** Each file's relative imports that resolve to another of `files`. */
export function importGraph(root: string, files: string[]): Map<string, string[]> {
  const known = new Set(files)
  const graph = new Map<string, string[]>()
  for (const file of files) {
    const targets = importSpecifiers(readFileSync(join(root, file), 'utf8'))
      .map((specifier) => resolveSpecifier(file, specifier, known))
      .filter((target): target is string => target !== undefined)
    graph.set(file, [...new Set(targets)].sort())
  }
  return graph
}

/**
 * One cycle for every group of files that import each other (a strongly connected component
 * with more than one file, or a file that imports itself): `[a, b, c]` means a -> b -> c -> a.
 * Each starts at its group's first file in sort order, and the list is sorted, so the result
 * is stable.
 */
export function findCycles(graph: ReadonlyMap<string, readonly string[]>): string[][] {
  const cycles: string[][] = []
  for (const group of stronglyConnected(graph)) {
    const members = new Set(group)
    const start = [...group].sort()[0]!
    const selfLoop = graph.get(start)?.includes(start) ?? false
    if (group.length === 1 && !selfLoop) continue
    cycles.push(selfLoop ? [start] : shortestCycle(graph, start, members))
  }
  return cycles.sort((a, b) => a[0]!.localeCompare(b[0]!))
}

export const formatCycle = (cycle: readonly string[]) => [...cycle, cycle[0]].join(' -> ')

/** Tarjan's algorithm, iterative (deep import chains must not overflow the stack). */
function stronglyConnected(graph: ReadonlyMap<string, readonly string[]>): string[][] {
  const index = new Map<string, number>()
  const low = new Map<string, number>()
  const onStack = new Set<string>()
  const stack: string[] = []
  const groups: string[][] = []
  let next = 0
  for (const root of graph.keys()) {
    if (index.has(root)) continue
    const work: Array<{ node: string; edge: number }> = [{ node: root, edge: 0 }]
    index.set(root, next)
    low.set(root, next++)
    stack.push(root)
    onStack.add(root)
    while (work.length > 0) {
      const frame = work.at(-1)!
      const targets = graph.get(frame.node) ?? []
      if (frame.edge < targets.length) {
        const target = targets[frame.edge++]!
        if (!index.has(target)) {
          index.set(target, next)
          low.set(target, next++)
          stack.push(target)
          onStack.add(target)
          work.push({ node: target, edge: 0 })
        } else if (onStack.has(target)) {
          low.set(frame.node, Math.min(low.get(frame.node)!, index.get(target)!))
        }
        continue
      }
      work.pop()
      const parent = work.at(-1)
      if (parent) low.set(parent.node, Math.min(low.get(parent.node)!, low.get(frame.node)!))
      if (low.get(frame.node) === index.get(frame.node)) {
        const group: string[] = []
        let member: string
        do {
          member = stack.pop()!
          onStack.delete(member)
          group.push(member)
        } while (member !== frame.node)
        groups.push(group)
      }
    }
  }
  return groups
}

/** The shortest way from `start` back to itself inside `members` (breadth-first). */
function shortestCycle(
  graph: ReadonlyMap<string, readonly string[]>,
  start: string,
  members: ReadonlySet<string>,
): string[] {
  const cameFrom = new Map<string, string>()
  const queue = [start]
  for (let i = 0; i < queue.length; i++) {
    const node = queue[i]!
    for (const target of graph.get(node) ?? []) {
      if (!members.has(target)) continue
      if (target === start) {
        const path = [node]
        while (path.at(-1) !== start) path.push(cameFrom.get(path.at(-1)!)!)
        return path.reverse()
      }
      if (!cameFrom.has(target)) {
        cameFrom.set(target, node)
        queue.push(target)
      }
    }
  }
  throw new Error(`shortestCycle: ${start} is not on a cycle`)
}

/** Lines of a text as an editor numbers them (a final newline does not start another line). */
export function lineCount(text: string): number {
  if (text === '') return 0
  return text.split('\n').length - (text.endsWith('\n') ? 1 : 0)
}
