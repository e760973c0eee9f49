import { markdownTable } from './markdown.js'
import type { Measured, Stats } from './measure.js'

/** A measured figure: throughput (higher is better) or a size in MB (lower is better). */
export interface Figure {
  stats: Stats
  unit: string
  /** Highest process RSS while it ran, in bytes (speed figures only). */
  peakRss?: number
}

export interface Target {
  /** As the issue states it, e.g. '>= 0.80x' or '<= +150 MB'. */
  label: string
  met: boolean
  /** What the target bounds: the ratio to the baseline, or kvgraph's own figure. */
  on: 'ratio' | 'value'
}

export interface Row {
  operation: string
  ours: Figure
  baselineName: string
  baseline: Figure
  target?: Target
}

export interface Section {
  title: string
  /** What was measured and how, in a sentence or two. */
  method: string
  rows: Row[]
}

/** At least `ratio` times the baseline's median. */
export function atLeast(ratio: number, ours: Figure, baseline: Figure): Target {
  return {
    label: `>= ${ratio < 1 ? ratio.toFixed(2) : ratio}x`,
    met: ours.stats.median >= ratio * baseline.stats.median,
    on: 'ratio',
  }
}

export function ratioOf(row: Row): number {
  return row.ours.stats.median / row.baseline.stats.median
}

const MB = 2 ** 20

function number(n: number): string {
  if (n >= 100) return Math.round(n).toLocaleString('en-US')
  if (n >= 10) return n.toFixed(1)
  return n.toFixed(2)
}

function figure(f: Figure): string {
  const { median, min, max, runs } = f.stats
  const spread = runs > 1 ? ` (${number(min)}-${number(max)})` : ''
  return `${number(median)} ${f.unit}${spread}`
}

/** Three significant digits, so a ratio just under its target never prints as the target. */
export function ratioText(ratio: number): string {
  return `${ratio >= 100 ? ratio.toFixed(0) : ratio.toPrecision(3)}x`
}

function rss(f: Figure): string {
  return f.peakRss === undefined ? '' : `${Math.round(f.peakRss / MB)} MB`
}

export function renderSection(section: Section): string {
  const withRss = section.rows.some((r) => r.ours.peakRss !== undefined)
  const head = ['operation', 'kvgraph', 'baseline', 'baseline figure', 'ratio', 'target', 'status']
  const align: Array<'left' | 'right'> = ['left', 'right', 'left', 'right', 'right', 'left', 'left']
  if (withRss) {
    head.push('process peak RSS kvgraph / baseline')
    align.push('right')
  }
  const rows = section.rows.map((row) => {
    const cells = [
      row.operation,
      figure(row.ours),
      row.baselineName,
      figure(row.baseline),
      ratioText(ratioOf(row)),
      row.target?.label ?? '-',
      row.target ? (row.target.met ? 'met' : 'NOT met') : '-',
    ]
    if (withRss) cells.push(`${rss(row.ours)} / ${rss(row.baseline)}`)
    return cells
  })
  return [`## ${section.title}`, '', section.method, '', markdownTable(head, align, rows)].join(
    '\n',
  )
}

/** Every row that has a target, one line each, for a reader who wants the verdict first. */
export function renderTargets(sections: Section[]): string {
  const lines = ['## Targets', '']
  for (const section of sections) {
    for (const row of section.rows) {
      if (!row.target) continue
      const verdict = row.target.met ? 'met' : 'NOT met'
      const where =
        row.target.on === 'ratio'
          ? `${ratioText(ratioOf(row))} vs ${row.baselineName}`
          : `${number(row.ours.stats.median)} ${row.ours.unit}`
      lines.push(`- ${verdict}: ${row.operation}: ${where}, target ${row.target.label}`)
    }
  }
  return lines.join('\n')
}

/** A row of kvgraph (`kv`) against a baseline (`raw`) measured side by side; `target` a ratio. */
export function comparedRow(
  operation: string,
  baselineName: string,
  unit: string,
  m: Record<'kv' | 'raw', Measured>,
  target?: number,
): Row {
  const ours: Figure = { stats: m.kv.stats, unit, peakRss: m.kv.peakRss }
  const baseline: Figure = { stats: m.raw.stats, unit, peakRss: m.raw.peakRss }
  return {
    operation,
    ours,
    baselineName,
    baseline,
    ...(target === undefined ? {} : { target: atLeast(target, ours, baseline) }),
  }
}
