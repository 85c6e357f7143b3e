import { createHash, randomBytes } from 'node:crypto'
import { mkdir, open, readFile, rename, rm, stat } from 'node:fs/promises'
import { join } from 'node:path'

/** sha256 of the bytes, lower-case hex: the file's name in the store. */
export function contentHash(bytes: Uint8Array): string {
  return createHash('sha256').update(bytes).digest('hex')
}

const HASH = /^[0-9a-f]{64}$/

/**
 * Files kept by content: `<root>/<first 2 hex>/<sha256>`. The same bytes twice are one file, and a
 * file under its hash name is always whole: it is written under a temporary name in the same
 * folder, flushed to disk, then renamed (a crash leaves at most a stray `.tmp`, never a half file).
 */
export class ContentStore {
  constructor(private readonly root: string) {}

  pathOf(hash: string): string {
    if (!HASH.test(hash)) throw new Error(`not a sha256 hash: ${hash}`)
    return join(this.root, hash.slice(0, 2), hash)
  }

  /** Stores the bytes (unless an intact copy is there already) and answers their hash. */
  async put(bytes: Uint8Array): Promise<string> {
    const hash = contentHash(bytes)
    const target = this.pathOf(hash)
    const existing = await stat(target).catch(() => null)
    // a size mismatch can only be damage from outside: write the file again
    if (existing?.isFile() && existing.size === bytes.length) return hash

    const folder = join(this.root, hash.slice(0, 2))
    await mkdir(folder, { recursive: true })
    const temp = join(folder, `${hash}.${randomBytes(6).toString('hex')}.tmp`)
    try {
      const handle = await open(temp, 'wx')
      try {
        await handle.writeFile(bytes)
        await handle.sync()
      } finally {
        await handle.close()
      }
      await rename(temp, target)
    } catch (error) {
      await rm(temp, { force: true })
      throw error
    }
    await syncFolder(folder)
    return hash
  }

  /** The stored bytes, or null when no file has that hash. */
  async read(hash: string): Promise<Buffer | null> {
    try {
      return await readFile(this.pathOf(hash))
    } catch (error) {
      if ((error as NodeJS.ErrnoException).code === 'ENOENT') return null
      throw error
    }
  }
}

/** Makes the rename itself durable (POSIX); Windows cannot open a folder for this and needs no such step. */
async function syncFolder(folder: string): Promise<void> {
  if (process.platform === 'win32') return
  const handle = await open(folder, 'r')
  try {
    await handle.sync()
  } finally {
    await handle.close()
  }
}
