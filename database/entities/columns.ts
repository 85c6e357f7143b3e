import type { EntitySchemaColumnOptions, ValueTransformer } from 'typeorm'
import { timestampType, type Dialect } from '../dialect'
import { toNumber } from '../raw-values'

const bigintAsNumber: ValueTransformer = {
  to: (v: unknown) => v,
  from: (v: unknown) => (v === null || v === undefined ? null : toNumber(v)),
}

/** Column helpers for EntitySchema definitions of one dialect. */
export function columnKit(dialect: Dialect) {
  const ts = timestampType(dialect)
  return {
    id: (): EntitySchemaColumnOptions => ({ type: 'integer', primary: true, generated: 'increment' }),
    text: (length: number, nullable = false): EntitySchemaColumnOptions => ({ type: 'varchar', length, nullable }),
    longText: (nullable = true): EntitySchemaColumnOptions => ({ type: 'text', nullable }),
    int: (nullable = false): EntitySchemaColumnOptions => ({ type: 'integer', nullable }),
    money: (nullable = true): EntitySchemaColumnOptions => ({ type: 'bigint', nullable, transformer: bigintAsNumber }),
    real: (nullable = true): EntitySchemaColumnOptions => ({ type: 'real', nullable }),
    bool: (): EntitySchemaColumnOptions => ({ type: 'boolean' }),
    time: (nullable = false): EntitySchemaColumnOptions => ({ type: ts, nullable }),
    createdAt: (): EntitySchemaColumnOptions => ({ type: ts, createDate: true, default: () => 'CURRENT_TIMESTAMP' }),
    updatedAt: (): EntitySchemaColumnOptions => ({ type: ts, updateDate: true, default: () => 'CURRENT_TIMESTAMP' }),
    version: (): EntitySchemaColumnOptions => ({ type: 'integer', version: true }),
  }
}

export type ColumnKit = ReturnType<typeof columnKit>
