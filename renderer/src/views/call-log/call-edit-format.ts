import { callDetailRows, isCallType, type DetailContext } from './call-details'

export interface EditFormatContext extends DetailContext {
  t: (key: string) => string
  /** whether an i18n key exists */
  te: (key: string) => boolean
}

function parsedObject(value: unknown): Record<string, unknown> | null {
  if (value && typeof value === 'object' && !Array.isArray(value)) return value as Record<string, unknown>
  if (typeof value !== 'string' || !value.startsWith('{')) return null
  try {
    const parsed: unknown = JSON.parse(value)
    return parsed && typeof parsed === 'object' && !Array.isArray(parsed) ? (parsed as Record<string, unknown>) : null
  } catch {
    return null
  }
}

/**
 * A before or after value of a call edit, readable: the core keeps what was stored (a type's key,
 * the details as JSON), so the type is named and the details are spelt out as label：value.
 */
export function formatEditValue(value: unknown, ctx: EditFormatContext): string {
  if (value === null || value === undefined || value === '') return ctx.t('callAdmin.drawer.emptyValue')
  if (isCallType(value)) return ctx.t(`callAdmin.type.${value}`)
  if (typeof value === 'boolean') return ctx.t(value ? 'common.yes' : 'common.no')
  if (Array.isArray(value)) return value.map((v) => formatEditValue(v, ctx)).join('、')
  const object = parsedObject(value)
  if (object) {
    const rows = callDetailRows(object, ctx)
    if (rows.length) return rows.map((row) => `${ctx.t(`callAdmin.field.${row.labelKey}`)}：${row.value}`).join('；')
    return isCallType(object.type) ? ctx.t(`callAdmin.type.${object.type}`) : JSON.stringify(object)
  }
  return String(value)
}

/** The edited field's name: the core sends it as shown in Chinese; a field key is translated. */
export function editFieldLabel(field: string, ctx: Pick<EditFormatContext, 't' | 'te'>): string {
  const key = `callAdmin.field.${field}`
  return ctx.te(key) ? ctx.t(key) : field
}
