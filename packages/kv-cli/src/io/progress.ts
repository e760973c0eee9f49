const WIDTH = 30
const INTERVAL_MS = 100

export interface ProgressOptions {
  /** Where to draw; default process.stderr. */
  stream?: NodeJS.WriteStream | { isTTY?: boolean; write(text: string): unknown }
  /** Draw even when the stream is not a terminal (tests); default: $KV_PROGRESS === '1'. */
  force?: boolean
  /** Unit shown after the counts, e.g. 'ops' or 'bytes'. */
  unit?: string
  /** Show the rate (`<n> <unit>/s`) and, with a total, the time left (`ETA 12s`). */
  rate?: boolean
}

/**
 * A one-line progress bar on standard error, drawn only on a terminal (so piped and redirected
 * output stays clean), redrawn at most every 100 ms:
 * `import [##########--------------------]  33% 3.3 MB/10 MB 1.2s`
 */
export class Progress {
  readonly #label: string
  readonly #total: number | undefined
  readonly #stream: NonNullable<ProgressOptions['stream']>
  readonly #enabled: boolean
  readonly #unit: string
  readonly #rate: boolean
  readonly #start = Date.now()
  #done = 0
  #drawnAt = 0

  constructor(label: string, total: number | undefined, options: ProgressOptions = {}) {
    this.#label = label
    this.#total = total !== undefined && total > 0 ? total : undefined
    this.#stream = options.stream ?? process.stderr
    this.#enabled =
      options.force ?? (this.#stream.isTTY === true || process.env.KV_PROGRESS === '1')
    this.#unit = options.unit ?? ''
    this.#rate = options.rate === true
  }

  get enabled(): boolean {
    return this.#enabled
  }

  /** Adds `n` to the amount done. */
  tick(n = 1): void {
    this.update(this.#done + n)
  }

  update(done: number): void {
    this.#done = done
    if (!this.#enabled) return
    const now = Date.now()
    if (now - this.#drawnAt < INTERVAL_MS) return
    this.#drawnAt = now
    this.#draw(now)
  }

  /** Draws the final state and ends the line. */
  finish(): void {
    if (!this.#enabled) return
    this.#draw(Date.now())
    this.#stream.write('\n')
  }

  /** The bar's text (without the leading carriage return). */
  line(now = Date.now()): string {
    const seconds = ((now - this.#start) / 1000).toFixed(1)
    const unit = this.#unit === 'bytes' ? '' : this.#unit && ` ${this.#unit}`
    const show = (n: number) => (this.#unit === 'bytes' ? formatBytes(n) : String(n))
    if (this.#total === undefined) return `${this.#label} ${show(this.#done)}${unit} ${seconds}s`
    const ratio = Math.min(1, this.#done / this.#total)
    const filled = Math.round(ratio * WIDTH)
    const bar = `[${'#'.repeat(filled)}${'-'.repeat(WIDTH - filled)}]`
    const percent = `${Math.floor(ratio * 100)}%`.padStart(4)
    const line = `${this.#label} ${bar} ${percent} ${show(this.#done)}/${show(this.#total)}${unit} ${seconds}s`
    return this.#rate ? `${line} ${this.#speed(now)}` : line
  }

  /** `<n> <unit>/s ETA <s>s`: the average rate so far, and the rest of the total at that rate. */
  #speed(now: number): string {
    const elapsed = Math.max(now - this.#start, 1) / 1000
    const rate = this.#done / elapsed
    const shown = `${Math.round(rate)} ${this.#unit || 'items'}/s`
    if (this.#total === undefined || rate === 0) return shown
    const left = Math.max(this.#total - this.#done, 0) / rate
    return `${shown} ETA ${left.toFixed(left < 10 ? 1 : 0)}s`
  }

  #draw(now: number): void {
    this.#stream.write(`\r${this.line(now)}\x1b[K`)
  }
}

export function formatBytes(n: number): string {
  if (n < 1000) return `${n} B`
  const units = ['kB', 'MB', 'GB', 'TB']
  let value = n
  let unit = 'B'
  for (const next of units) {
    if (value < 1000) break
    value /= 1000
    unit = next
  }
  return `${value.toFixed(value < 10 ? 1 : 0)} ${unit}`
}
