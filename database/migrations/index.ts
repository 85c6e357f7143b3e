import { InitialSchema1764201600001 } from './0001-initial-schema'

/** In order. A landed migration is never edited: fix forward with a new one. */
export const MIGRATIONS = [InitialSchema1764201600001]
