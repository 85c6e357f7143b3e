/**
 * What a file really is, read from its first bytes. The name and the declared mime come from the
 * sender and can lie; a photo renamed to .exe stays a photo and a script renamed to .jpg is refused.
 */
export type SniffedMime = 'image/jpeg' | 'image/png' | 'image/webp' | 'application/pdf'

const ascii = (text: string): number[] => [...text].map((c) => c.charCodeAt(0))

/** Byte patterns at fixed offsets; `null` matches any byte (the RIFF size field of WebP). */
const SIGNATURES: { mime: SniffedMime; pattern: (number | null)[] }[] = [
  { mime: 'image/jpeg', pattern: [0xff, 0xd8, 0xff] },
  { mime: 'image/png', pattern: [0x89, 0x50, 0x4e, 0x47, 0x0d, 0x0a, 0x1a, 0x0a] },
  { mime: 'image/webp', pattern: [...ascii('RIFF'), null, null, null, null, ...ascii('WEBP')] },
  { mime: 'application/pdf', pattern: ascii('%PDF-') },
]

export function sniffMime(bytes: Uint8Array): SniffedMime | null {
  const found = SIGNATURES.find(({ pattern }) => bytes.length >= pattern.length && pattern.every((b, i) => b === null || bytes[i] === b))
  return found?.mime ?? null
}
