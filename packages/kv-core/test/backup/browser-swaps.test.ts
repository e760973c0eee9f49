import { readFileSync } from 'node:fs'
import { describe, expect, it } from 'vitest'
import { readBackup } from '../../src/backup/read-backup.browser.js'
import { writeBackup } from '../../src/backup/write-backup.browser.js'

// In a browser, package.json's `browser` map swaps the backup file I/O for these: a bundle
// must not pull in node:fs, node:stream or node:zlib, and the calls must fail typed.
describe('backup in a browser build', () => {
  it('maps the Node-only modules to browser versions in package.json', () => {
    const pkg = JSON.parse(readFileSync(new URL('../../package.json', import.meta.url), 'utf8'))
    expect(pkg.browser).toMatchObject({
      './dist/backup/read-backup.js': './dist/backup/read-backup.browser.js',
      './dist/backup/write-backup.js': './dist/backup/write-backup.browser.js',
    })
  })

  it('reading or writing a backup file fails with KV_UNSUPPORTED, naming the method', async () => {
    await expect(readBackup('x.kvbackup', 'verifyBackup')).rejects.toMatchObject({
      code: 'KV_UNSUPPORTED',
      message: expect.stringMatching(/^verifyBackup: backup files need Node\.js/),
    })
    await expect(writeBackup()).rejects.toMatchObject({
      code: 'KV_UNSUPPORTED',
      message: expect.stringMatching(/^store\.backup: /),
    })
  })
})
