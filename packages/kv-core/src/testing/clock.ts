/** A hand-driven clock for TTL and lease tests. */
export class ManualClock {
  now: number
  constructor(start = Date.UTC(2030, 0, 1)) {
    this.now = start
  }
  readonly read = (): number => this.now
  advance(ms: number): void {
    this.now += ms
  }
}
