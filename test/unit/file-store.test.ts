import { mkdir, readdir, readFile, writeFile } from 'node:fs/promises'
import { dirname } from 'node:path'
import { describe, expect, it } from 'vitest'
import { checkAttachmentName, safeFileName } from '../../main/services/file-name'
import { sniffMime } from '../../main/services/file-sniff'
import { contentHash, ContentStore } from '../../main/services/file-store'
import { filesUnder, sampleFile, storedPath } from '../support/file-samples'
import { useTempDir } from '../support/temp-dir'

describe('sniffMime', () => {
  it('knows JPEG, PNG, WebP and PDF by their first bytes', () => {
    expect(sniffMime(sampleFile.jpeg())).toBe('image/jpeg')
    expect(sniffMime(sampleFile.png())).toBe('image/png')
    expect(sniffMime(sampleFile.webp())).toBe('image/webp')
    expect(sniffMime(sampleFile.pdf())).toBe('application/pdf')
  })

  it('knows nothing else, and nothing cut short', () => {
    const refused = [
      new Uint8Array(),
      Uint8Array.from([0xff, 0xd8]),
      sampleFile.png().subarray(0, 7),
      Buffer.from('RIFF\x24\0\0\0WAVEfmt ', 'latin1'),
      Buffer.from('RIFF\x24\0\0'),
      Buffer.from('%PDF'),
      Buffer.from(' %PDF-1.7'),
      Buffer.from('GIF89a'),
      Buffer.from('<svg xmlns="http://www.w3.org/2000/svg"/>'),
      Buffer.from('MZ\x90\0'),
    ]
    for (const bytes of refused) expect(sniffMime(bytes), Buffer.from(bytes).toString('latin1')).toBeNull()
  })
})

describe('attachment and download names', () => {
  it('keeps the base name of an attachment and refuses what cannot be shown safely', () => {
    expect(checkAttachmentName('C:\\fakepath\\现场 照片.JPG')).toBe('现场 照片.JPG')
    expect(checkAttachmentName('  a/b/报修单.pdf  ')).toBe('报修单.pdf')
    // composed and decomposed forms are one name
    expect(checkAttachmentName('cafe\u0301.png')).toBe('café.png')
    for (const bad of ['', ' ', '.', '..', 'a/', 'tab\there.png', 'del\u007f.png', 'rlo\u202Egnp.exe', 'x'.repeat(201)]) {
      expect(() => checkAttachmentName(bad), JSON.stringify(bad)).toThrow(/文件名/)
    }
  })

  it('offers a save name any system accepts, ending in the extension', () => {
    expect(safeFileName('投诉联系单-TS20250602-001', '.pdf', '工单')).toBe('投诉联系单-TS20250602-001.pdf')
    expect(safeFileName('维修单.PDF', '.pdf', '工单')).toBe('维修单.PDF')
    expect(safeFileName('../../etc/passwd', '.pdf', '工单')).toBe('passwd.pdf')
    expect(safeFileName('a<b>:c"d|e?f*g\u0000h\u202E', '.pdf', '工单')).toBe('a_b__c_d_e_f_gh.pdf')
    expect(safeFileName('trailing. . ', '.pdf', '工单')).toBe('trailing.pdf')
    expect(safeFileName('\u0001\u0002', '.pdf', '工单')).toBe('工单.pdf')
    const long = safeFileName('😀'.repeat(300), '.pdf', '工单')
    expect([...long]).toHaveLength(200)
    expect(long.endsWith('😀.pdf')).toBe(true)
  })
})

describe('ContentStore', () => {
  const temp = useTempDir()

  it('stores bytes under <first two hex>/<sha256>, once, leaving no temporary file behind', async () => {
    const store = new ContentStore(temp.path)
    const bytes = sampleFile.pdf('store')
    const hash = await store.put(bytes)
    expect(hash).toBe(contentHash(bytes))
    expect(store.pathOf(hash)).toBe(storedPath(temp.path, bytes))
    expect(await filesUnder(temp.path)).toEqual([`${hash.slice(0, 2)}/${hash}`])
    expect(await store.put(bytes)).toBe(hash)
    expect(await filesUnder(temp.path)).toEqual([`${hash.slice(0, 2)}/${hash}`])
    expect(new Uint8Array((await store.read(hash))!)).toEqual(bytes)
    expect(await store.read(contentHash(Buffer.from('never stored')))).toBeNull()
  })

  it('writes a damaged copy again instead of trusting it', async () => {
    const store = new ContentStore(temp.path)
    const bytes = sampleFile.png('damaged')
    const hash = await store.put(bytes)
    await writeFile(store.pathOf(hash), 'half')
    await store.put(bytes)
    expect(new Uint8Array(await readFile(store.pathOf(hash)))).toEqual(bytes)
  })

  it('leaves neither a file under the hash nor a temporary file when the final rename fails', async () => {
    const store = new ContentStore(temp.path)
    const bytes = sampleFile.jpeg('blocked')
    // a non-empty folder where the file should go: the rename onto it fails
    await mkdir(`${storedPath(temp.path, bytes)}/blocker`, { recursive: true })
    await expect(store.put(bytes)).rejects.toThrow()
    expect(await readdir(dirname(storedPath(temp.path, bytes)))).toEqual([contentHash(bytes)])
    expect(await filesUnder(temp.path)).toEqual([])
  })

  it('refuses a path that is not a sha256 hash', () => {
    const store = new ContentStore(temp.path)
    expect(() => store.pathOf('../../etc/passwd')).toThrow()
    expect(() => store.pathOf('AB'.repeat(32))).toThrow()
  })
})
