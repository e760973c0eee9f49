import { InvalidArgumentError } from 'commander'

/** Commander argument parsers: a bad value is a usage error (exit status 2). */

export function positiveInt(value: string): number {
  const n = Number(value)
  if (!/^\d+$/.test(value) || !Number.isSafeInteger(n) || n < 1) {
    throw new InvalidArgumentError('must be a positive integer')
  }
  return n
}

export function nonNegativeInt(value: string): number {
  const n = Number(value)
  if (!/^\d+$/.test(value) || !Number.isSafeInteger(n)) {
    throw new InvalidArgumentError('must be a non-negative integer')
  }
  return n
}

/** A version precondition: -1 (no check), 0 (must not exist) or N (must be version N). */
export function versionNumber(value: string): number {
  const n = Number(value)
  if (!/^-?\d+$/.test(value) || !Number.isSafeInteger(n) || n < -1) {
    throw new InvalidArgumentError('must be -1, 0 or a positive integer')
  }
  return n
}

/** Any integer (a sequence increment may be negative). */
export function integer(value: string): number {
  const n = Number(value)
  if (!/^-?\d+$/.test(value) || !Number.isSafeInteger(n)) {
    throw new InvalidArgumentError('must be an integer')
  }
  return n
}

const UNITS: Record<string, number> = { ms: 1, s: 1000, m: 60_000, h: 3_600_000, d: 86_400_000 }

/** A duration in milliseconds: `500`, `500ms`, `30s`, `5m`, `2h`, `1d`. */
export function duration(value: string): number {
  const match = /^(\d+(?:\.\d+)?)(ms|s|m|h|d)?$/.exec(value.trim())
  const ms = match ? Number(match[1]) * UNITS[match[2] ?? 'ms']! : Number.NaN
  if (!Number.isFinite(ms) || ms <= 0) {
    throw new InvalidArgumentError('must be a positive duration such as 500, 500ms, 30s, 5m, 2h')
  }
  return Math.round(ms)
}

/** Collects a repeatable option, also splitting commas: `--edge-types a,b --edge-types c`. */
export function collect(value: string, previous: string[] | undefined): string[] {
  const parts = value.split(',').filter((part) => part !== '')
  return [...(previous ?? []), ...parts]
}
