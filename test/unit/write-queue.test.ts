import type { EntityManager } from 'typeorm'
import { describe, expect, it } from 'vitest'
import { repo } from '../../database/entities'
import { openStore, type Store } from '../../database/store'
import { WriteQueue } from '../../database/write-queue'
import { forEachDialect } from '../support/dialects'
import { readSqliteFile } from '../support/sqlite-file'
import { useTempDir } from '../support/temp-dir'

type Fault = 'notNull' | 'unique' | 'foreignKey' | 'thrown'
const FAULTS: Fault[] = ['notNull', 'unique', 'foreignKey', 'thrown', 'unique', 'foreignKey', 'notNull', 'thrown', 'foreignKey', 'unique']
const TAKEN_PHONE = '13900000000'

/** Job i: a customer and their phone; every fifth one then breaks a rule in the middle of its transaction. */
function jobOf(i: number): { name: string; fault: Fault | null } {
  return i % 5 === 4 ? { name: `invalid-${i}`, fault: FAULTS[(i - 4) / 5] } : { name: `valid-${i}`, fault: null }
}

async function writeJob(em: EntityManager, i: number): Promise<number> {
  const { name, fault } = jobOf(i)
  const customer = await repo(em, 'customer').save({ name, namePinyin: name, nameInitials: 'x', tags: '[]', createdAt: new Date(), updatedAt: new Date() })
  // A turn of the event loop inside the transaction, where another caller's work could slip in.
  await new Promise((resolve) => setImmediate(resolve))
  const phone = { customerId: customer.id, normalized: `1380000${String(i).padStart(4, '0')}`, reversed: 'r', raw: 'r', kind: 'mobile' as const, region: null, carrier: null, isPrimary: true, createdAt: new Date() }
  switch (fault) {
    case 'notNull':
      await repo(em, 'customer_phone').insert({ ...phone, raw: null as unknown as string })
      break
    case 'unique':
      await repo(em, 'customer_phone').insert({ ...phone, normalized: TAKEN_PHONE })
      break
    case 'foreignKey':
      await repo(em, 'customer_phone').insert({ ...phone, customerId: 987654 })
      break
    case 'thrown':
      await repo(em, 'customer_phone').insert(phone)
      throw new Error('a business rule refused the write after its first inserts')
    default:
      await repo(em, 'customer_phone').insert(phone)
  }
  return customer.id
}

async function seedTakenPhone(store: Store): Promise<void> {
  await store.write(async (em) => {
    const owner = await repo(em, 'customer').save({ name: 'seed', namePinyin: 'seed', nameInitials: 's', tags: '[]', createdAt: new Date(), updatedAt: new Date() })
    await repo(em, 'customer_phone').insert({ customerId: owner.id, normalized: TAKEN_PHONE, reversed: 'r', raw: 'r', kind: 'mobile', region: null, carrier: null, isPrimary: true, createdAt: new Date() })
  })
}

const validNames = Array.from({ length: 50 }, (_, i) => jobOf(i)).filter((j) => !j.fault).map((j) => j.name)

forEachDialect('50 concurrent writes through the write queue, 10 of them invalid', (h) => {
  it('keep every write reported as saved and leave nothing of the invalid ones', async () => {
    const store = await openStore(h.config)
    await seedTakenPhone(store)
    const results = await Promise.allSettled(Array.from({ length: 50 }, (_, i) => store.write((em) => writeJob(em, i))))
    const saved = results.flatMap((r, i) => (r.status === 'fulfilled' ? [i] : []))
    const refused = results.flatMap((r, i) => (r.status === 'rejected' ? [i] : []))
    expect(saved.map((i) => jobOf(i).name)).toEqual(validNames)
    expect(refused).toEqual([4, 9, 14, 19, 24, 29, 34, 39, 44, 49])
    await store.close()

    // A fresh store on the same database: what was committed, not what a connection remembers.
    const again = await openStore(h.config)
    try {
      const names = (await repo(again.read, 'customer').find({ order: { id: 'ASC' } })).map((c) => c.name)
      expect(names).toEqual(['seed', ...validNames])
      const phones = await repo(again.read, 'customer_phone').find()
      expect(phones).toHaveLength(41)
      // no half rows: every customer has exactly its one phone
      const perCustomer = new Map<number, number>()
      for (const p of phones) perCustomer.set(p.customerId, (perCustomer.get(p.customerId) ?? 0) + 1)
      expect([...perCustomer.values()].every((n) => n === 1)).toBe(true)
      expect(perCustomer.size).toBe(41)
    } finally {
      await again.close()
    }

    if (h.config.kind === 'sqlite') {
      const onDisk = await readSqliteFile<{ name: string; phones: number }>(
        h.config.file,
        'SELECT c.name AS name, (SELECT COUNT(*) FROM customer_phone p WHERE p.customer_id = c.id) AS phones FROM customer c ORDER BY c.id',
      )
      expect(onDisk.map((r) => r.name)).toEqual(['seed', ...validNames])
      expect(onDisk.every((r) => r.phones === 1)).toBe(true)
      expect(await readSqliteFile(h.config.file, 'PRAGMA integrity_check')).toEqual([{ integrity_check: 'ok' }])
    }
  })
})

describe('without the queue (TypeORM shares one SQLite connection)', () => {
  const tmp = useTempDir()

  it('concurrent writer.transaction calls lose writes that were valid', async () => {
    const store = await openStore({ kind: 'sqlite', file: tmp.file('a.sqlite') })
    await seedTakenPhone(store)
    const results = await Promise.allSettled(Array.from({ length: 50 }, (_, i) => store.writer.transaction((em) => writeJob(em, i))))
    const savedValid = results.filter((r, i) => r.status === 'fulfilled' && !jobOf(i).fault).length
    await store.close()
    const onDisk = await readSqliteFile<{ name: string }>(tmp.file('a.sqlite'), "SELECT name FROM customer WHERE name LIKE 'valid-%'")
    // This is why every write goes through the queue: with it, all 40 are saved (above).
    expect(Math.min(savedValid, onDisk.length)).toBeLessThan(40)
  })
})

describe('WriteQueue', () => {
  const tmp = useTempDir()

  it('runs one job at a time, in the order given, and keeps going after a failure', async () => {
    const queue = new WriteQueue()
    let running = 0
    let maxRunning = 0
    const started: number[] = []
    const job = (i: number) => async () => {
      started.push(i)
      running++
      maxRunning = Math.max(maxRunning, running)
      await new Promise((resolve) => setTimeout(resolve, i % 3))
      running--
      if (i % 4 === 0) throw new Error(`job ${i} failed`)
      return i
    }
    const results = await Promise.allSettled(Array.from({ length: 20 }, (_, i) => queue.run(job(i))))
    expect(maxRunning).toBe(1)
    expect(started).toEqual(Array.from({ length: 20 }, (_, i) => i))
    expect(results.filter((r) => r.status === 'rejected')).toHaveLength(5)
    expect(results[1]).toEqual({ status: 'fulfilled', value: 1 })
    expect(queue.size).toBe(0)
  })

  it('reports its size and drains', async () => {
    const queue = new WriteQueue()
    let release: () => void = () => undefined
    const gate = new Promise<void>((resolve) => (release = resolve))
    const first = queue.run(() => gate)
    const second = queue.run(async () => 'second')
    expect(queue.size).toBe(2)
    let drained = false
    const drain = queue.drain().then(() => (drained = true))
    await new Promise((resolve) => setTimeout(resolve, 5))
    expect(drained).toBe(false)
    release()
    await first
    expect(await second).toBe('second')
    await drain
    expect(queue.size).toBe(0)
  })

  it('store.write serialises transactions: at most one is open at a time', async () => {
    const store = await openStore({ kind: 'sqlite', file: tmp.file('q.sqlite') })
    let open = 0
    let maxOpen = 0
    try {
      await Promise.all(
        Array.from({ length: 25 }, (_, i) =>
          store.write(async (em) => {
            open++
            maxOpen = Math.max(maxOpen, open)
            await em.query('INSERT INTO community (name) VALUES (?)', [`小区${i}`])
            await new Promise((resolve) => setImmediate(resolve))
            open--
          }),
        ),
      )
      expect(maxOpen).toBe(1)
      expect(await store.read.query('SELECT COUNT(*) AS n FROM community')).toEqual([{ n: 25 }])
    } finally {
      await store.close()
    }
  })
})
