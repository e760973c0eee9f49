// ~70 bytes of key + JSON value, like a small user record.
export const key = (i: number) => `user/${String(i).padStart(9, '0')}`
export const value = (i: number) => ({ name: `user ${i}`, age: i % 97, city: 'Oslo' })
export type Value = ReturnType<typeof value>

/** The smallest key greater than every key that starts with `prefix` (ASCII prefixes only). */
export const prefixEnd = (prefix: string) =>
  prefix.slice(0, -1) + String.fromCharCode(prefix.charCodeAt(prefix.length - 1) + 1)
