/**
 * Prints the cursor of the next page on standard error (standard output holds only records), as
 * `cursor: <cursor>`; pass it back with `--cursor`. Nothing is printed on the last page.
 */
export function printCursor(cursor: string | undefined): void {
  if (cursor !== undefined) process.stderr.write(`cursor: ${cursor}\n`)
}
