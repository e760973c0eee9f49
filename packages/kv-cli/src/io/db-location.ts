import { resolve } from 'node:path'

const URL_SCHEME = /^[a-z][a-z0-9+.-]*:\/\//i
/** `scheme://user:password@`: the password runs to the authority's last '@', as drivers read it. */
const URL_PASSWORD = /([a-z][a-z0-9+.-]*:\/\/[^\s:@/?#]*:)[^\s/?#]*@/gi
const PASSWORD_PARAM = /([?&]password=)[^&\s]*/gi

/** Whether a --db value is a server URL (`postgres://...`) rather than a directory path. */
export function isUrl(db: string): boolean {
  return URL_SCHEME.test(db)
}

/** What openStore gets: a URL as given, a directory as an absolute path. */
export function storeLocation(db: string): string {
  return isUrl(db) ? db : resolve(db)
}

/** `text` with the password of every URL in it (and any `password=` parameter) shown as `***`. */
export function maskPasswords(text: string): string {
  return text.replace(URL_PASSWORD, '$1***@').replace(PASSWORD_PARAM, '$1***')
}
