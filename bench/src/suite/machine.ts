import { existsSync, readFileSync } from 'node:fs'
import { createRequire } from 'node:module'
import { cpus, loadavg, release, totalmem } from 'node:os'
import { dirname, join } from 'node:path'

const require = createRequire(import.meta.url)

function osName(): string {
  try {
    const text = readFileSync('/etc/os-release', 'utf8')
    const pretty = /^PRETTY_NAME="?([^"\n]*)"?$/m.exec(text)?.[1]
    if (pretty) return `${pretty} (${process.platform} ${release()} ${process.arch})`
  } catch {}
  return `${process.platform} ${release()} ${process.arch}`
}

/** A dependency's version, from the package.json above its entry point (some hide it in exports). */
function version(name: string): string {
  try {
    let dir = dirname(require.resolve(name))
    while (dir !== dirname(dir)) {
      const file = join(dir, 'package.json')
      if (existsSync(file)) {
        const pkg = JSON.parse(readFileSync(file, 'utf8')) as { name?: string; version?: string }
        if (pkg.name === name) return pkg.version ?? '?'
      }
      dir = dirname(dir)
    }
  } catch {}
  return '?'
}

export const loadAverage = () =>
  loadavg()
    .map((n) => n.toFixed(2))
    .join(' / ')

export interface MachineInfo {
  cpu: string
  cores: number
  ramGiB: string
  node: string
  os: string
  libraries: string
  loadBefore: string
}

export function machineInfo(): MachineInfo {
  const cpu = cpus()
  return {
    cpu: cpu[0]?.model.trim() ?? 'unknown',
    cores: cpu.length,
    ramGiB: (totalmem() / 2 ** 30).toFixed(1),
    node: process.version,
    os: osName(),
    libraries: ['classic-level', 'levelgraph', 'graphology', 'graphology-shortest-path']
      .map((name) => `${name} ${version(name)}`)
      .join(', '),
    loadBefore: loadAverage(),
  }
}
