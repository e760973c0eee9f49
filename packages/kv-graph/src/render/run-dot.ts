import { spawn } from 'node:child_process'
import { RenderError } from './render-error.js'

const INSTALL_HINT =
  'Install Graphviz (Debian/Ubuntu: apt-get install graphviz; macOS: brew install graphviz; ' +
  'others: https://graphviz.org/download/), or pass options.dotCommand with the path of `dot`.'

/**
 * Pipes DOT text through Graphviz `dot -T<format>` and resolves its output.
 *
 * Spawned here rather than with @ts-graphviz/adapter's toStream: that one pipes stdin without
 * handling its errors, so when dot exits before reading all its input the EPIPE surfaces as an
 * unhandled rejection, which ends a Node process by default.
 */
export function runDot(
  where: string,
  dotCommand: string,
  format: 'svg' | 'png',
  dot: string,
): Promise<Buffer> {
  return new Promise((resolve, reject) => {
    const child = spawn(dotCommand, ['-q', `-T${format}`], { stdio: 'pipe' })
    const stdout: Buffer[] = []
    const stderr: Buffer[] = []
    child.stdout.on('data', (chunk: Buffer) => stdout.push(chunk))
    child.stderr.on('data', (chunk: Buffer) => stderr.push(chunk))
    // A write error means dot is gone or never started: 'error' or 'close' reports why.
    child.stdin.on('error', () => {})
    child.on('error', (error: NodeJS.ErrnoException) => {
      const missing = error.syscall?.startsWith('spawn') === true
      reject(
        missing
          ? new RenderError(
              'RENDER_GRAPHVIZ_MISSING',
              `${where}: cannot run Graphviz "${dotCommand}" (${error.code ?? error.message}). ${INSTALL_HINT}`,
              { cause: error },
            )
          : new RenderError('RENDER_FAILED', `${where}: Graphviz dot failed: ${error.message}`, {
              cause: error,
            }),
      )
    })
    child.on('close', (code, signal) => {
      const output = Buffer.concat(stdout)
      const message = Buffer.concat(stderr).toString('utf8').trim()
      if (code !== 0) {
        const status = signal === null ? `exit code ${code}` : `signal ${signal}`
        reject(
          new RenderError(
            'RENDER_FAILED',
            `${where}: Graphviz dot failed (${status})${message ? `: ${message}` : ''}`,
          ),
        )
      } else if (output.length === 0) {
        // dot exits 0 without output for an input holding no graph (e.g. empty text).
        reject(new RenderError('RENDER_FAILED', `${where}: Graphviz dot produced no output`))
      } else {
        resolve(output)
      }
    })
    child.stdin.end(dot)
  })
}
