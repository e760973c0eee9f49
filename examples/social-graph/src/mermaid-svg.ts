import { execFile } from 'node:child_process'
import { existsSync } from 'node:fs'
import { mkdtemp, readFile, rm, writeFile } from 'node:fs/promises'
import { tmpdir } from 'node:os'
import { dirname, join } from 'node:path'
import { fileURLToPath } from 'node:url'
import { promisify } from 'node:util'
import { CHROMIUM_ARGS, CHROMIUM_PATH } from '../../../scripts/chromium.mjs'

const CHROMIUM = CHROMIUM_PATH

// Debian's Chromium, started as the rest of the project starts it (scripts/chromium.mjs).
const PUPPETEER_CONFIG = { executablePath: CHROMIUM, headless: true, args: CHROMIUM_ARGS }

/** The mermaid-cli executable, or why Mermaid cannot be rendered to SVG on this machine. */
export function mermaidCli(): { mmdc: string } | { missing: string } {
  let mmdc: string
  try {
    // The package exports only its API entry (src/index.js); the CLI sits beside it.
    mmdc = join(dirname(fileURLToPath(import.meta.resolve('@mermaid-js/mermaid-cli'))), 'cli.js')
  } catch {
    return { missing: '@mermaid-js/mermaid-cli is not installed (npm install)' }
  }
  if (!existsSync(CHROMIUM))
    return { missing: `Chromium is not installed at ${CHROMIUM} (apt-get install chromium)` }
  return { mmdc }
}

/** Renders Mermaid text to SVG with mermaid-cli driving the system Chromium. */
export async function mermaidToSvg(text: string): Promise<string> {
  const cli = mermaidCli()
  if ('missing' in cli) throw new Error(`cannot render Mermaid to SVG: ${cli.missing}`)
  const dir = await mkdtemp(join(tmpdir(), 'kv-mmdc-'))
  try {
    await writeFile(join(dir, 'in.mmd'), text)
    await writeFile(join(dir, 'puppeteer.json'), JSON.stringify(PUPPETEER_CONFIG))
    await promisify(execFile)(
      process.execPath,
      [cli.mmdc, '-q', '-i', 'in.mmd', '-o', 'out.svg', '-p', 'puppeteer.json'],
      {
        cwd: dir,
      },
    )
    return await readFile(join(dir, 'out.svg'), 'utf8')
  } finally {
    await rm(dir, { recursive: true, force: true })
  }
}
