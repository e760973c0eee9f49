import { mkdtempSync, rmSync } from 'node:fs'
import { tmpdir } from 'node:os'
import { join } from 'node:path'
import { Checks } from './check.js'
import { coreSection } from './core.js'
import { graphSections } from './graph.js'
import { machineInfo } from './machine.js'
import type { Section } from './report.js'
import { RssSampler } from './rss.js'
import { type ScaleName, type ScaleOverrides, scaleOf } from './scale.js'
import { dataDescription, reportHead, runsDescription, writeReport } from './write-report.js'

export interface SuiteOptions extends ScaleOverrides {
  scale: ScaleName
  /** Which parts to run (default both). */
  only?: 'core' | 'graph'
  /** Where to write the markdown report; undefined writes nothing. */
  out?: string
  log?: (message: string) => void
}

/** Runs the benchmark suite and returns its markdown report (also written to `out`). */
export async function runSuite(options: SuiteOptions): Promise<string> {
  const log = options.log ?? ((message: string) => process.stderr.write(`${message}\n`))
  const scale = scaleOf(options.scale, options)
  const machine = machineInfo()
  const started = new Date()
  const root = mkdtempSync(join(tmpdir(), 'kvgraph-bench-'))
  const sampler = new RssSampler()
  const checks = new Checks()
  const sections: Section[] = []
  try {
    if (options.only !== 'graph') {
      sections.push(await coreSection(scale, join(root, 'core'), sampler, checks, log))
      rmSync(join(root, 'core'), { recursive: true, force: true })
    }
    if (options.only !== 'core') {
      sections.push(...(await graphSections(scale, join(root, 'graph'), sampler, checks, log)))
    }
  } finally {
    rmSync(root, { recursive: true, force: true })
  }
  const lines = reportHead({
    title: `kvgraph benchmark (scale: ${scale.name})`,
    command: 'bench/src/main.ts',
    started,
    machine,
    rows: [
      ['libraries', machine.libraries],
      ['data', dataDescription(scale)],
      ['runs', runsDescription(scale, ' memory figures 1 run;')],
    ],
    caveat:
      'The machine may be shared: compare ratios (both sides ran interleaved, in the same process) more than absolute figures, and read the load average.',
  })
  const report = writeReport(lines, sections, checks, options.out)
  return report
}
