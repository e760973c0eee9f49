/** The kinds of violation the harness counts; any one fails the run. */
export const KINDS = [
  'lost',
  'wrongVersions',
  'halfApplied',
  'halfEdges',
  'gaps',
  'duplicates',
  'phantoms',
  'consumersAhead',
  'countMismatches',
  'indexMismatches',
  'childErrors',
] as const
export type Kind = (typeof KINDS)[number]

/** Violation counts, with the first few messages of each kind for the report. */
export class Violations {
  readonly counts = Object.fromEntries(KINDS.map((k) => [k, 0])) as Record<Kind, number>
  readonly examples: string[] = []

  add(kind: Kind, message: string): void {
    this.counts[kind]++
    if (this.examples.length < 20) this.examples.push(`${kind}: ${message}`)
  }

  get total(): number {
    return KINDS.reduce((sum, k) => sum + this.counts[k], 0)
  }
}

export interface Figures {
  engine: string
  cycles: number
  serverRestarts: number
  acked: number
  streamEntries: number
  reopenMs: number[]
  /** Per cycle: spawn to `ready`, and the reopen plus every check. */
  startMs: number[]
  checkMs: number[]
  elapsedMs: number
}

function median(values: number[]): number {
  const sorted = [...values].sort((a, b) => a - b)
  return sorted.length === 0 ? 0 : sorted[Math.floor(sorted.length / 2)]!
}

/** The figures summary: one line of counts, then the examples of any violation. */
export function summary(figures: Figures, violations: Violations): string {
  const c = violations.counts
  const reopen = figures.reopenMs
  const lines = [
    `crash ${figures.engine}: ${figures.cycles} cycles` +
      (figures.serverRestarts > 0 ? ` (${figures.serverRestarts} server crashes)` : '') +
      `, ${figures.acked} acked writes, ${figures.streamEntries} stream entries: ` +
      `${c.lost} lost, ${c.wrongVersions} wrong versions, ${c.halfApplied} half-applied, ` +
      `${c.halfEdges} half-edges, ${c.gaps} gaps, ${c.duplicates} dups, ${c.phantoms} phantoms, ` +
      `${c.consumersAhead} consumers ahead, ${c.countMismatches} count mismatches, ` +
      `${c.indexMismatches} index mismatches, ` +
      `${c.childErrors} child errors; reopen median ${median(reopen).toFixed(1)} ms, ` +
      `max ${Math.max(0, ...reopen).toFixed(1)} ms; ${(figures.elapsedMs / 1000).toFixed(1)} s ` +
      `(median child start ${median(figures.startMs).toFixed(0)} ms, check ${median(figures.checkMs).toFixed(0)} ms)`,
  ]
  for (const example of violations.examples) lines.push(`  ${example}`)
  return lines.join('\n')
}
