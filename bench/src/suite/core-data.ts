// ~70 bytes of key + JSON value, like a small user record.
export const key = (i: number) => `user/${String(i).padStart(9, '0')}`
export const value = (i: number) => ({ name: `user ${i}`, age: i % 97, city: 'Oslo' })
export type Value = ReturnType<typeof value>
