import { randomInt } from 'node:crypto'
import type { FileBytes } from '../contract/app-api'

/** How long a built file waits for its download. */
export const EXPORT_TTL_MS = 10 * 60_000
// the file routes and IPC channels take ids up to 2^31-1
const MAX_ID = 2_147_483_647

interface Entry {
  staffId: number
  file: FileBytes
  expiresAt: number
}

/**
 * Built exports waiting for their one download, in memory: the API answers an id, the bytes go
 * through the file route (never base64 inside JSON). Only whoever built a file may take it, once.
 * Ids are random so one user's id says nothing about how many others exported.
 */
export class ExportStore {
  private readonly entries = new Map<number, Entry>()

  constructor(
    private readonly now: () => Date = () => new Date(),
    private readonly ttlMs = EXPORT_TTL_MS,
  ) {}

  put(staffId: number, file: FileBytes): { exportId: number; size: number } {
    this.sweep()
    let exportId: number
    do exportId = randomInt(1, MAX_ID + 1)
    while (this.entries.has(exportId))
    this.entries.set(exportId, { staffId, file, expiresAt: this.now().getTime() + this.ttlMs })
    return { exportId, size: file.bytes.byteLength }
  }

  /** The file, handed over once to the staff member who built it; null for anything else (missing, expired, someone else's). */
  take(exportId: number, staffId: number): FileBytes | null {
    this.sweep()
    const entry = this.entries.get(exportId)
    if (!entry || entry.staffId !== staffId) return null
    this.entries.delete(exportId)
    return entry.file
  }

  /** How many files wait (expired ones dropped first). */
  get size(): number {
    this.sweep()
    return this.entries.size
  }

  private sweep(): void {
    const now = this.now().getTime()
    for (const [id, entry] of this.entries) if (entry.expiresAt <= now) this.entries.delete(id)
  }
}
