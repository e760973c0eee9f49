// Cold start of `kv get key x` against a bare Node script that opens classic-level and reads a
// key: each runs `runs` times (default 20), interleaved, after a warm-up; prints the median wall
// time of each in ms and the ratio kv / bare (the goal: within 2x).
//   node packages/kv-cli/bench/cold-start.mjs [runs]
import { execFileSync, spawnSync } from 'node:child_process'
import { mkdtempSync, rmSync } from 'node:fs'
import { createRequire } from 'node:module'
import { tmpdir } from 'node:os'
import { join } from 'node:path'
import { fileURLToPath } from 'node:url'

const runs = Number(process.argv[2] ?? 20)
const here = fileURLToPath(new URL('.', import.meta.url))
const bin = join(here, '..', 'dist', 'bin.js')
const require = createRequire(join(here, '..', '..', 'kv-core', 'package.json'))
const classicLevel = require.resolve('classic-level')

const dir = mkdtempSync(join(tmpdir(), 'kv-cold-start-'))
const kvDb = join(dir, 'kv')
const rawDb = join(dir, 'raw')
try {
  execFileSync(process.execPath, [bin, 'put', 'x', '--db', kvDb, '--value', '{"hello":"world"}'])
  const bare = `
const { ClassicLevel } = require(${JSON.stringify(classicLevel)})
const db = new ClassicLevel(${JSON.stringify(rawDb)})
db.open().then(async () => {
  const value = await db.get('x')
  process.stdout.write(String(value) + '\\n')
  await db.close()
})`
  execFileSync(process.execPath, [
    '-e',
    `const { ClassicLevel } = require(${JSON.stringify(classicLevel)}); const db = new ClassicLevel(${JSON.stringify(rawDb)}); db.put('x', '{"hello":"world"}').then(() => db.close())`,
  ])

  const time = (args) => {
    const start = process.hrtime.bigint()
    const result = spawnSync(process.execPath, args, { encoding: 'utf8' })
    const ms = Number(process.hrtime.bigint() - start) / 1e6
    if (result.status !== 0) throw new Error(`${args.join(' ')} failed: ${result.stderr}`)
    return ms
  }
  const median = (values) => {
    const sorted = [...values].sort((a, b) => a - b)
    const mid = sorted.length >> 1
    return sorted.length % 2 ? sorted[mid] : (sorted[mid - 1] + sorted[mid]) / 2
  }
  const bareArgs = ['-e', bare]
  const kvArgs = [bin, 'get', 'key', 'x', '--db', kvDb]
  const emptyArgs = ['-e', '0']
  const versionArgs = [bin, '--version']
  const times = { empty: [], bare: [], kv: [], version: [] }
  time(bareArgs)
  time(kvArgs)
  for (let i = 0; i < runs; i++) {
    // Interleaved, so all see the same machine load.
    times.empty.push(time(emptyArgs))
    times.bare.push(time(bareArgs))
    times.kv.push(time(kvArgs))
    times.version.push(time(versionArgs))
  }
  const ms = (values) => Math.round(median(values) * 10) / 10
  const result = {
    runs,
    // `node -e 0`: Node's own start-up, for reference.
    nodeEmptyMedianMs: ms(times.empty),
    // open classic-level, read one key, close.
    bareMedianMs: ms(times.bare),
    // `kv get key x`.
    kvMedianMs: ms(times.kv),
    // `kv --version`: the CLI without the store.
    kvVersionMedianMs: ms(times.version),
  }
  result.ratio = Math.round((result.kvMedianMs / result.bareMedianMs) * 100) / 100
  console.log(JSON.stringify(result))
} finally {
  rmSync(dir, { recursive: true, force: true })
}
