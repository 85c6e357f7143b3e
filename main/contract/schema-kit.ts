import { z } from 'zod'

/**
 * Schema pieces that carry the field's Chinese label, so every validation message names the
 * field the user sees ("电话不能超过30个字"), in the UI and over HTTP alike.
 */
z.config(z.locales.zhCN())

/**
 * C0 control characters other than tab and line breaks. None belongs in a form field, and
 * PostgreSQL refuses a NUL in text outright (the call would fail as an internal error).
 */
function hasControlCharacter(value: string): boolean {
  for (let i = 0; i < value.length; i++) {
    const code = value.charCodeAt(i)
    if ((code < 32 && code !== 9 && code !== 10 && code !== 13) || code === 127) return true
  }
  return false
}

export function text(label: string, max: number) {
  return z
    .string({ error: `请填写${label}` })
    .trim()
    .min(1, { error: `请填写${label}` })
    .max(max, { error: `${label}不能超过${max}个字` })
    .refine((v) => !hasControlCharacter(v), { error: `${label}不能包含控制字符` })
}

/** Optional free text: empty, null and missing all become null. */
export function optionalText(label: string, max: number) {
  return z
    .string({ error: `${label}必须是文字` })
    .trim()
    .max(max, { error: `${label}不能超过${max}个字` })
    .refine((v) => !hasControlCharacter(v), { error: `${label}不能包含控制字符` })
    .nullish()
    .transform((v) => (v ? v : null))
}

/** Ids are 32-bit integer columns: a larger number would fail inside PostgreSQL rather than as a field error. */
export const MAX_ID = 2147483647

export function id(label: string) {
  return z.number({ error: `${label}无效` }).int({ error: `${label}无效` }).positive({ error: `${label}无效` }).max(MAX_ID, { error: `${label}无效` })
}

export function optionalId(label: string) {
  return id(label)
    .nullish()
    .transform((v) => v ?? null)
}

export function intRange(label: string, min: number, max: number) {
  return z
    .number({ error: `${label}必须是数字` })
    .int({ error: `${label}必须是整数` })
    .min(min, { error: `${label}不能小于${min}` })
    .max(max, { error: `${label}不能大于${max}` })
}

export function decimalRange(label: string, min: number, max: number) {
  return z
    .number({ error: `${label}必须是数字` })
    .min(min, { error: `${label}不能小于${min}` })
    .max(max, { error: `${label}不能大于${max}` })
}

export function choice<const T extends readonly [string, ...string[]]>(label: string, values: T) {
  return z.enum(values, { error: `${label}无效` })
}

/** Money in integer fen (分). */
export function fen(label: string) {
  return z
    .number({ error: `${label}必须是数字` })
    .int({ error: `${label}必须以分为单位的整数` })
    .min(0, { error: `${label}不能为负数` })
    .max(1e12, { error: `${label}过大` })
}

/** The shape of a phone as typed; whether it is a real number is decided by normalizePhone. */
export function phoneText(label: string) {
  return z
    .string({ error: `请填写${label}` })
    .trim()
    .min(1, { error: `请填写${label}` })
    .max(30, { error: `${label}不能超过30个字符` })
    .regex(/^[0-9+\-()（）\s.]+$/, { error: `${label}只能包含数字、空格和 + - ( )` })
}

export function password(label: string) {
  return z
    .string({ error: `请填写${label}` })
    .min(8, { error: `${label}至少8位` })
    .max(128, { error: `${label}不能超过128位` })
    .refine((v) => !hasControlCharacter(v), { error: `${label}不能包含控制字符` })
}

export function isoDate(label: string) {
  return z
    .string({ error: `${label}格式应为 YYYY-MM-DD` })
    .regex(/^\d{4}-\d{2}-\d{2}$/, { error: `${label}格式应为 YYYY-MM-DD` })
    .refine(isCalendarDate, { error: `${label}不是有效的日期` })
}

/** 2024-02-30 has the shape of a date but no day in the calendar. */
function isCalendarDate(value: string): boolean {
  const [year, month, day] = value.split('-').map(Number)
  const date = new Date(Date.UTC(year, month - 1, day))
  return date.getUTCFullYear() === year && date.getUTCMonth() === month - 1 && date.getUTCDate() === day
}

export function pageInput() {
  return {
    page: intRange('页码', 1, 100000).default(1),
    pageSize: intRange('每页条数', 1, 200).default(20),
  }
}

/** Every input is a strict object: a misspelt key is an error, not silently dropped. */
export function input<S extends z.ZodRawShape>(shape: S) {
  return z.strictObject(shape, { error: (issue) => (issue.code === 'unrecognized_keys' ? `不认识的字段：${issue.keys.join('、')}` : '参数必须是一个对象') })
}

export interface Page<T> {
  items: T[]
  total: number
  page: number
  pageSize: number
}
