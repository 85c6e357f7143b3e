import { EntitySchema } from 'typeorm'
import type { ColumnKit } from './columns'

export interface SettingRow {
  key: string
  /** JSON text */
  value: string
  updatedBy: number | null
  updatedAt: Date
}

export const settingEntity = (c: ColumnKit) =>
  new EntitySchema<SettingRow>({
    name: 'setting',
    columns: {
      key: { type: 'varchar', length: 60, primary: true },
      value: c.longText(false),
      updatedBy: c.int(true),
      updatedAt: c.updatedAt(),
    },
  })
