import { mkdtemp, rm } from 'node:fs/promises'
import { tmpdir } from 'node:os'
import { join } from 'node:path'
import { beforeEach } from 'vitest'

/** A fresh folder under the OS temp dir; the caller removes it with `removeTempDir`. */
export function makeTempDir(prefix = 'renodesk-test-'): Promise<string> {
  return mkdtemp(join(tmpdir(), prefix))
}

export async function removeTempDir(dir: string): Promise<void> {
  // WAL and SHM files can linger for a moment after the last connection closes.
  await rm(dir, { recursive: true, force: true, maxRetries: 5, retryDelay: 50 })
}

export interface TempDir {
  /** this test's folder */
  readonly path: string
  /** a path inside it */
  file(name: string): string
}

/** One temp folder per test in the calling suite, removed after the test. */
export function useTempDir(): TempDir {
  let current: string | null = null
  beforeEach(async (context) => {
    const dir = await makeTempDir()
    current = dir
    // after every afterEach hook, and even when one of them failed
    context.onTestFinished(async () => {
      if (current === dir) current = null
      await removeTempDir(dir)
    })
  })
  const path = (): string => {
    if (!current) throw new Error('useTempDir: only inside a test')
    return current
  }
  return {
    get path() {
      return path()
    },
    file: (name) => join(path(), name),
  }
}
