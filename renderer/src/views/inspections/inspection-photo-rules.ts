import { ATTACHMENT_MAX_BYTES, ATTACHMENT_TYPES } from '@contract/tickets.contract'

/**
 * What a site photo may be: the image types among the core's attachment types (it reads the type
 * from the bytes) and its size limit, checked before a 10 MB photo travels for nothing.
 */
export const PHOTO_TYPES: Record<string, string> = Object.fromEntries(Object.entries(ATTACHMENT_TYPES).filter(([mime]) => mime.startsWith('image/')))
export const PHOTO_MAX_BYTES = ATTACHMENT_MAX_BYTES

export type PhotoRefusal = 'tooLarge' | 'badType'

export function photoRefusalOf(file: { size: number; type: string }): PhotoRefusal | null {
  if (!(file.type in PHOTO_TYPES)) return 'badType'
  if (file.size > PHOTO_MAX_BYTES) return 'tooLarge'
  return null
}
