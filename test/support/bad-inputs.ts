import { z } from 'zod'
import type { MethodEntry } from '../../main/contract/app-api'

/** The parts of JSON Schema that zod's toJSONSchema emits for our inputs. */
export interface JsonSchema {
  type?: string | string[]
  properties?: Record<string, JsonSchema>
  required?: string[]
  additionalProperties?: boolean
  anyOf?: JsonSchema[]
  enum?: unknown[]
  minLength?: number
  maxLength?: number
  pattern?: string
  minimum?: number
  maximum?: number
  exclusiveMinimum?: number
  exclusiveMaximum?: number
  minItems?: number
  maxItems?: number
  items?: JsonSchema
}

export interface BadInput {
  /** what is wrong, for the test's name */
  why: string
  /** the argument object to send */
  input: unknown
  /** the field path ("phone", "changes.companyName") the error must name; '' for the whole input */
  field: string
}

export function inputSchemaOf(entry: MethodEntry): JsonSchema {
  return z.toJSONSchema(entry.def.input, { io: 'input', unrepresentable: 'any' }) as JsonSchema
}

function typesOf(schema: JsonSchema): string[] {
  const variants = schema.anyOf ?? [schema]
  return variants.flatMap((v) => (Array.isArray(v.type) ? v.type : v.type ? [v.type] : []))
}

function filler(schema: JsonSchema): string {
  if (!schema.pattern) return 'a'
  const re = new RegExp(schema.pattern)
  return ['a', '1', '0'].find((c) => re.test(c.repeat(3))) ?? 'a'
}

/** Values that break one rule of `schema` each (type, length, pattern, range, choice, size). */
function badValues(schema: JsonSchema): { why: string; value: unknown }[] {
  const types = typesOf(schema)
  const out: { why: string; value: unknown }[] = [
    types.includes('object') ? { why: 'a string for an object', value: 'not-an-object' } : { why: 'an object for a ' + types.join('|'), value: { nested: true } },
  ]
  for (const v of schema.anyOf ?? [schema]) {
    const type = Array.isArray(v.type) ? v.type[0] : v.type
    if (type === 'string') {
      if (v.minLength !== undefined && v.minLength > 0) out.push({ why: `shorter than ${v.minLength}`, value: v.minLength === 1 ? '' : filler(v).repeat(v.minLength - 1) })
      if (v.maxLength !== undefined) out.push({ why: `longer than ${v.maxLength}`, value: filler(v).repeat(v.maxLength + 1) })
      if (v.pattern && !new RegExp(v.pattern).test('!!!')) out.push({ why: `not matching ${v.pattern}`, value: '!!!' })
      // PostgreSQL refuses NUL in text: it must be a field error, never an internal one
      const length = Math.min(Math.max(v.minLength ?? 0, 4), v.maxLength ?? 4)
      out.push({ why: 'a NUL character', value: `${filler(v)}\u0000${filler(v).repeat(Math.max(length - 2, 1))}` })
      if (v.enum) out.push({ why: 'not one of the choices', value: 'not-a-choice' })
      if (!types.includes('number') && !types.includes('integer')) out.push({ why: 'a number for a string', value: 12345 })
    }
    if (type === 'number' || type === 'integer') {
      if (v.minimum !== undefined) out.push({ why: `below ${v.minimum}`, value: v.minimum - 1 })
      if (v.exclusiveMinimum !== undefined) out.push({ why: `not above ${v.exclusiveMinimum}`, value: v.exclusiveMinimum })
      if (v.maximum !== undefined && v.maximum < Number.MAX_SAFE_INTEGER) out.push({ why: `above ${v.maximum}`, value: v.maximum + 1 })
      if (type === 'integer') out.push({ why: 'a fraction for an integer', value: 1.5 })
      out.push({ why: 'a numeric string for a number', value: '12' })
    }
    if (type === 'boolean') out.push({ why: 'a string for a boolean', value: 'true' })
    if (type === 'array') {
      if (v.minItems !== undefined && v.minItems > 0) out.push({ why: `fewer than ${v.minItems} items`, value: [] })
      if (v.maxItems !== undefined && v.items) out.push({ why: `more than ${v.maxItems} items`, value: Array.from({ length: v.maxItems + 1 }, (_, i) => `${filler(v.items as JsonSchema)}${i}`) })
      if (v.items) out.push({ why: 'an item of the wrong type', value: [{ nested: true }] })
    }
  }
  return out
}

function placeAt(path: string[], value: unknown): unknown {
  return path.reduceRight<unknown>((inner, key) => ({ [key]: inner }), value)
}

/** One field at a time, recursing into nested objects: every way to break each field the schema describes. */
function fieldCases(schema: JsonSchema, path: string[]): BadInput[] {
  const cases: BadInput[] = []
  for (const [key, property] of Object.entries(schema.properties ?? {})) {
    const at = [...path, key]
    for (const bad of badValues(property)) cases.push({ why: `${at.join('.')}: ${bad.why}`, input: placeAt(at, bad.value), field: at.join('.') })
    for (const variant of property.anyOf ?? [property]) {
      if (variant.type === 'object' && variant.properties) {
        cases.push({ why: `${at.join('.')}: unknown key`, input: placeAt([...at, 'bogusKey'], 1), field: [...at, 'bogusKey'].join('.') })
        cases.push(...fieldCases(variant, at))
      }
    }
  }
  return cases
}

/**
 * Bad inputs derived from a method's own input schema, so that the list cannot drift from the
 * contract: non-objects, an unknown key, an empty object when fields are required, and each
 * field broken each way its schema allows.
 */
export function badInputsOf(entry: MethodEntry): BadInput[] {
  const schema = inputSchemaOf(entry)
  const cases: BadInput[] = [
    { why: 'a string instead of an object', input: 'just text', field: '' },
    { why: 'a number instead of an object', input: 42, field: '' },
    { why: 'an array instead of an object', input: [], field: '' },
    { why: 'an unknown key', input: { bogusKey: 1 }, field: 'bogusKey' },
  ]
  for (const key of schema.required ?? []) cases.push({ why: `empty object: ${key} is required`, input: {}, field: key })
  cases.push(...fieldCases(schema, []))
  return cases
}

/** The field key of an error's `fields` map that names `field` (itself, or something inside it). */
export function fieldKeyFor(fields: Record<string, string> | undefined, field: string): string | undefined {
  if (!fields) return undefined
  if (field === '') return Object.keys(fields)[0]
  return Object.keys(fields).find((k) => k === field || k.startsWith(`${field}.`))
}
