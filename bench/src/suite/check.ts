/**
 * The bench's correctness checks. A mismatch throws: a wrong figure must stop the run, not be
 * printed. Passed checks are listed in the report.
 */
export class Checks {
  readonly passed: string[] = []

  equal<T>(what: string, actual: T, expected: T): void {
    if (!Object.is(actual, expected)) {
      throw new Error(
        `bench check failed: ${what}: got ${String(actual)}, expected ${String(expected)}`,
      )
    }
  }

  /** Records a group of checks that all passed (call after the `equal`s it summarises). */
  note(summary: string): void {
    this.passed.push(summary)
  }
}
