/**
 * What a site photo may be: the same limits the core applies (it reads the type from the bytes),
 * checked before a 10 MB photo travels for nothing.
 */
export const PHOTO_TYPES: Record<string, string> = { 'image/jpeg': 'JPEG', 'image/png': 'PNG', 'image/webp': 'WebP' }
export const PHOTO_MAX_BYTES = 10 * 1024 * 1024

export type PhotoRefusal = 'tooLarge' | 'badType'

export function photoRefusalOf(file: { size: number; type: string }): PhotoRefusal | null {
  if (!(file.type in PHOTO_TYPES)) return 'badType'
  if (file.size > PHOTO_MAX_BYTES) return 'tooLarge'
  return null
}
