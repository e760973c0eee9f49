// Makes a fresh clone runnable, so `npm start` and `npm test` are the only commands a new user
// types: installs the npm packages from the lockfile when they are missing, then the Debian
// packages the diagrams need (scripts/system-packages.sh, skipped with a message if not root).
import { execFileSync } from 'node:child_process'
import { existsSync } from 'node:fs'
import { fileURLToPath } from 'node:url'

const root = fileURLToPath(new URL('..', import.meta.url))
const run = (command, args, env = {}) =>
  execFileSync(command, args, { cwd: root, stdio: 'inherit', env: { ...process.env, ...env } })

if (!existsSync(`${root}node_modules/.package-lock.json`)) {
  console.error('kvgraph: installing npm packages (npm ci)')
  run('npm', ['ci', '--no-audit', '--no-fund'], { PUPPETEER_SKIP_DOWNLOAD: '1' })
}
run('bash', ['scripts/system-packages.sh'])
