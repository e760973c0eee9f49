import { mkdirSync, writeFileSync } from 'node:fs'
import { dirname } from 'node:path'
import type { Checks } from './check.js'
import { renderSection, renderTargets, type Section } from './report.js'

/**
 * A results page: its opening lines, then every section, the targets and the correctness checks;
 * written to `out` when given. Returns the page.
 */
export function writeReport(
  head: string[],
  sections: Section[],
  checks: Checks,
  out: string | undefined,
): string {
  const report = [
    ...head,
    ...sections.flatMap((section) => [renderSection(section), '']),
    renderTargets(sections),
    '',
    '## Correctness checks (all passed; a failed check stops the run)',
    '',
    ...checks.passed.map((check) => `- ${check}`),
    '',
  ].join('\n')
  if (out) {
    mkdirSync(dirname(out), { recursive: true })
    writeFileSync(out, report)
  }
  return report
}
