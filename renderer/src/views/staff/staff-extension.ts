/** What the core accepts as an extension (分机号): 2–8 digits, or nothing. */
const EXTENSION = /^\d{2,8}$/

/** The typed extension as the API wants it: trimmed, null when empty. */
export function extensionValue(typed: string): string | null {
  const value = typed.trim()
  return value ? value : null
}

export function isValidExtension(typed: string): boolean {
  const value = extensionValue(typed)
  return value === null || EXTENSION.test(value)
}
