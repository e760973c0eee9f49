/** A one-line progress bar on stderr, drawn only on a terminal (pipes and CI get none). */
export function progressBar(
  label: string,
  total: number,
): { update(done: number): void; finish(): void } {
  const stream = process.stderr
  if (!stream.isTTY) return { update() {}, finish() {} }
  let last = -1
  const draw = (done: number) => {
    const ratio = Math.min(1, done / total)
    const percent = Math.floor(ratio * 100)
    if (percent === last) return
    last = percent
    const width = 30
    const filled = Math.round(ratio * width)
    stream.write(
      `\r${label} [${'#'.repeat(filled)}${'.'.repeat(width - filled)}] ${percent}% ${done}/${total}`,
    )
  }
  return {
    update: draw,
    finish() {
      draw(total)
      stream.write('\n')
    },
  }
}
