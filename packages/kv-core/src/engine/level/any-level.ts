import type { AbstractLevel } from 'abstract-level'

// biome-ignore lint/suspicious/noExplicitAny: abstract-level databases of any format are accepted.
export type AnyLevel = AbstractLevel<any, any, any>
