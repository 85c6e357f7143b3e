import { existsSync } from 'node:fs'
import { readdir } from 'node:fs/promises'
import { join } from 'node:path'
import { contentHash } from '../../main/services/file-store'
import { makeTempDir, removeTempDir } from './temp-dir'
import { openTestCore, type TestCore } from './test-core'
import { buildTicketOrg, TICKET_NOW, type TicketOrg } from './tickets'

const bytesOf = (...parts: (string | number[])[]): Uint8Array =>
  Uint8Array.from(parts.flatMap((part) => (typeof part === 'string' ? [...Buffer.from(part, 'latin1')] : part)))

/**
 * The smallest byte strings each allowed type is recognised by, plus `tag` so that every test
 * gets its own content hash.
 */
export const sampleFile = {
  jpeg: (tag = '') => bytesOf([0xff, 0xd8, 0xff, 0xe0, 0x00, 0x10], 'JFIF\0', tag, [0xff, 0xd9]),
  png: (tag = '') => bytesOf([0x89, 0x50, 0x4e, 0x47, 0x0d, 0x0a, 0x1a, 0x0a], '\0\0\0\rIHDR', tag),
  webp: (tag = '') => bytesOf('RIFF', [0x24, 0, 0, 0], 'WEBPVP8 ', tag),
  pdf: (tag = '') => bytesOf('%PDF-1.7\n', tag, '\n%%EOF\n'),
}

/** Where the content store keeps `bytes` under `filesDir`. */
export function storedPath(filesDir: string, bytes: Uint8Array): string {
  const hash = contentHash(bytes)
  return join(filesDir, hash.slice(0, 2), hash)
}

export const isStored = (filesDir: string, bytes: Uint8Array): boolean => existsSync(storedPath(filesDir, bytes))

/** Every file under `filesDir` (relative paths, sorted); none when the folder does not exist. */
export async function filesUnder(filesDir: string): Promise<string[]> {
  if (!existsSync(filesDir)) return []
  const entries = await readdir(filesDir, { recursive: true, withFileTypes: true })
  return entries
    .filter((e) => e.isFile())
    .map((e) => join(e.parentPath, e.name).slice(filesDir.length + 1))
    .sort()
}

export interface FilesFixture {
  t: TestCore
  org: TicketOrg
  /** where this core keeps attachments: beside its SQLite file */
  filesDir: string
  close(): Promise<void>
}

/** A core on a SQLite file in its own temp folder (so its `.files` folder can be inspected), with the ticket org built. */
export async function openFilesFixture(): Promise<FilesFixture> {
  const dir = await makeTempDir()
  const file = join(dir, 'renodesk.sqlite')
  const t = await openTestCore({ store: { kind: 'sqlite', file }, now: TICKET_NOW })
  const org = await buildTicketOrg(t)
  return {
    t,
    org,
    filesDir: `${file}.files`,
    async close() {
      try {
        await t.close()
      } finally {
        await removeTempDir(dir)
      }
    },
  }
}
