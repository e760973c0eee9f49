import Sigma from 'sigma'
import { ApiError, type NodeRef, path, setToken, token, view, viewText } from './api.js'
import { Drawing, nodeKey } from './drawing.js'
import { followChanges } from './live.js'

const MAX_NODES = 5000
const $ = <T extends HTMLElement>(id: string) => document.getElementById(id) as T

const drawing = new Drawing()
let renderer: Sigma | undefined
let center: NodeRef | undefined
let depth = 1
let pathStart: string | undefined

function status(text?: string): void {
  $('status').textContent = text ?? drawing.status()
}

/** Shows a node's or an edge's properties: as text, never as HTML. */
function showPanel(title: string, props: unknown): void {
  $('panel-title').textContent = title
  $('panel-body').textContent = JSON.stringify(props, null, 2)
}

async function load(node: NodeRef, hops: number): Promise<void> {
  center = node
  depth = hops
  const params = new URLSearchParams({ type: node.type, id: node.id, depth: String(hops) })
  history.replaceState(null, '', `/?${params}`)
  drawing.replace(await view(node, hops, MAX_NODES))
  drawing.layout()
  status()
}

/** Click to expand: adds a node's neighbours to what is drawn. */
async function expand(key: string): Promise<void> {
  const ref = drawing.graph.getNodeAttribute(key, 'ref') as NodeRef
  drawing.merge(await view(ref, 1, MAX_NODES), key)
  drawing.layout(30)
  status()
}

/** Picks two nodes, one after the other, and highlights the shortest path between them. */
async function pick(key: string): Promise<void> {
  if (pathStart === undefined) {
    pathStart = key
    $('path-info').textContent = `path from ${key}: pick the other end`
    return
  }
  const from = drawing.graph.getNodeAttribute(pathStart, 'ref') as NodeRef
  const to = drawing.graph.getNodeAttribute(key, 'ref') as NodeRef
  pathStart = undefined
  const found = await path(from, to)
  if (!found) {
    drawing.highlight([], [])
    $('path-info').textContent = `no path from ${nodeKey(from)} to ${nodeKey(to)}`
    return
  }
  drawing.merge({
    nodes: found.nodes.map((n) => ({ ...n, props: {} })),
    edges: found.edges,
    truncated: false,
  })
  drawing.highlight(found.nodes, found.edges)
  $('path-info').textContent =
    `path of ${found.edges.length} hops: ${found.nodes.map(nodeKey).join(' → ')}`
  status()
}

let mermaidLoaded: Promise<void> | undefined

/** Loads the Mermaid bundle once, on first use. */
function loadMermaid(): Promise<void> {
  mermaidLoaded ??= new Promise((resolve, reject) => {
    const script = document.createElement('script')
    script.src = '/web/mermaid.js'
    script.onload = () => resolve()
    script.onerror = () => reject(new Error('could not load the Mermaid view'))
    document.head.append(script)
  })
  return mermaidLoaded
}

/** The same subgraph as Mermaid (drawn, and its source) or as DOT source. */
async function showText(format: 'mermaid' | 'dot'): Promise<void> {
  if (!center) return
  const text = await viewText(center, depth, format)
  $('text').textContent = text
  $('text-view').hidden = false
  $('graph').hidden = true
  $('diagram').hidden = format !== 'mermaid'
  if (format === 'mermaid') {
    await loadMermaid()
    const { renderMermaid } = (
      window as unknown as { kvMermaid: typeof import('./mermaid-view.js') }
    ).kvMermaid
    await renderMermaid(text, $('diagram'))
  }
}

async function downloadSvg(): Promise<void> {
  if (!center) return
  const svg = await viewText(center, depth, 'svg')
  const link = document.createElement('a')
  link.href = URL.createObjectURL(new Blob([svg], { type: 'image/svg+xml' }))
  link.download = `${nodeKey(center)}.svg`
  link.click()
  URL.revokeObjectURL(link.href)
}

function report(error: unknown): void {
  if (error instanceof ApiError && error.status === 401) askToken()
  status(`error: ${(error as Error).message}`)
}

function askToken(): void {
  $('token-form').hidden = false
}

function start(): void {
  const params = new URLSearchParams(location.search)
  const given = params.get('token')
  if (given) {
    setToken(given)
    params.delete('token')
    history.replaceState(null, '', `/${params.size ? `?${params}` : ''}`)
  }
  renderer = new Sigma(drawing.graph, $('graph'), {
    settings: {
      enableEdgeEvents: true,
      itemSizesReference: 'screen',
      autoRescale: true,
      labelRenderedSizeThreshold: 0,
      renderEdgeLabels: true,
      // The graph's container is hidden while the Mermaid or DOT view shows.
      allowInvalidContainer: true,
    },
  })
  renderer.on('clickNode', ({ node }) => {
    const attributes = drawing.graph.getNodeAttributes(node)
    showPanel(node, attributes.props)
    const run = ($('mode') as HTMLSelectElement).value === 'path' ? pick(node) : expand(node)
    run.catch(report)
  })
  renderer.on('clickEdge', ({ edge }) => {
    const { edge: data } = drawing.graph.getEdgeAttributes(edge)
    showPanel(`${nodeKey(data.from)} -${data.type}-> ${nodeKey(data.to)}`, data.props)
  })
  $('find').addEventListener('submit', (event) => {
    event.preventDefault()
    $('text-view').hidden = true
    $('diagram').hidden = true
    $('graph').hidden = false
    const node = {
      type: ($('type') as HTMLInputElement).value,
      id: ($('id') as HTMLInputElement).value,
    }
    load(node, Number(($('depth') as HTMLInputElement).value) || 1).catch(report)
  })
  $('token-form').addEventListener('submit', (event) => {
    event.preventDefault()
    setToken(($('token') as HTMLInputElement).value)
    $('token-form').hidden = true
    if (center) load(center, depth).catch(report)
  })
  $('show-graph').addEventListener('click', () => {
    $('text-view').hidden = true
    $('diagram').hidden = true
    $('graph').hidden = false
  })
  $('show-mermaid').addEventListener('click', () => void showText('mermaid').catch(report))
  $('show-dot').addEventListener('click', () => void showText('dot').catch(report))
  $('download-svg').addEventListener('click', () => void downloadSvg().catch(report))

  // Live updates: any change to the graph reloads the drawn neighbourhood (once per burst).
  let pending: ReturnType<typeof setTimeout> | undefined
  followChanges(() => {
    clearTimeout(pending)
    pending = setTimeout(() => {
      if (center) load(center, depth).catch(report)
    }, 200)
  }, new AbortController().signal)

  if (!token()) askToken()
  const type = params.get('type')
  const id = params.get('id')
  if (type && id) {
    ;($('type') as HTMLInputElement).value = type
    ;($('id') as HTMLInputElement).value = id
    ;($('depth') as HTMLInputElement).value = params.get('depth') ?? '1'
    if (token()) load({ type, id }, Number(params.get('depth')) || 1).catch(report)
  }
  // For the browser tests: the same actions a click takes.
  Object.assign(window, { kvExplorer: { expand, pick, drawing } })
}

start()
