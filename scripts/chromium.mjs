// Debian's Chromium as every part of the project starts it: headless, as root, with no background
// network traffic (this machine's network is closed: without these flags Chromium retries
// Google's hosts at every start). Browsers come from Debian, never from a download.

/** Where Debian puts it. */
export const CHROMIUM_PATH = '/usr/bin/chromium'

export const CHROMIUM_ARGS = [
  '--no-sandbox',
  '--disable-gpu',
  '--disable-dev-shm-usage',
  '--disable-quic',
  '--no-first-run',
  '--disable-background-networking',
  '--disable-component-update',
  '--disable-sync',
]
