import type { AppApi } from '../contract/app-api'
import type { PersonKind } from '../contract/org.contract'
import type { Role } from '../contract/roles'
import type { Store } from '../../database/store'
import { NameGenerator } from './names'
import { PhoneFactory } from './phones'
import { Rng } from './random'

/** Every demo account has this password; the seeder prints each login. */
export const DEMO_PASSWORD = 'demo1234'

export interface DemoLogin {
  username: string
  password: string
  role: Role
}

/** The demo accounts, one or more per role. */
export const DEMO_ACCOUNTS: { username: string; role: Role }[] = [
  { username: 'admin', role: 'admin' },
  { username: 'reception', role: 'receptionist' },
  { username: 'reception2', role: 'receptionist' },
  { username: 'agent', role: 'agent' },
  { username: 'agent2', role: 'agent' },
  { username: 'agent3', role: 'agent' },
  { username: 'shiftlead', role: 'shiftLead' },
  { username: 'manager', role: 'manager' },
]

const DEPARTMENTS = ['设计部', '工程部', '材料部', '财务部', '客服部'] as const

/** The demo agents' phone extensions (分机): agent → 8001, agent2 → 8002, … */
export const FIRST_DEMO_EXTENSION = 8001

export interface DemoAgent {
  id: number
  username: string
  displayName: string
  extension: string | null
}

export interface DemoOrg {
  /** designers with a weight: some are asked for more than others */
  designers: { id: number; name: string }[]
  receptionistIds: number[]
  agentIds: number[]
  /** the accounts that take calls, with their extensions */
  agents: DemoAgent[]
  logins: DemoLogin[]
  people: number
}

export interface OrgClient {
  api: AppApi
  setSession(token: string | null): void
}

/**
 * Departments, their heads, people of every kind, the general manager and the demo accounts —
 * all through the real API, so passwords are hashed and every rule of the services applies.
 * On a database that was set up by someone else (no demo admin), it keeps what is there.
 */
export async function ensureDemoOrg(
  client: OrgClient,
  store: Store,
  opts: { rng: Rng; phones: PhoneFactory; customers: number; log: (message: string) => void },
): Promise<DemoOrg> {
  const { api, setSession } = client
  const names = new NameGenerator(opts.rng)
  const status = await api.auth.status()
  if (status.needsSetup) {
    const admin = await api.auth.setupAdmin({ username: 'admin', displayName: names.next(), password: DEMO_PASSWORD })
    setSession(admin.token)
  } else {
    try {
      const admin = await api.auth.login({ username: 'admin', password: DEMO_PASSWORD })
      if (admin.user.role !== 'admin') throw new Error('not an admin')
      setSession(admin.token)
    } catch {
      opts.log('this database has accounts but no demo admin: keeping its staff and people as they are')
      return existingOrg(store)
    }
  }

  const chart = await api.org.chart()
  const departments = new Map(chart.departments.map((d) => [d.name, d.id]))
  const sortOrder = new Map(chart.departments.map((d) => [d.name, d.sortOrder]))
  for (const [index, name] of DEPARTMENTS.entries()) {
    if (!departments.has(name)) {
      const saved = await api.org.saveDepartment({ id: null, name, headPersonId: null, active: true, sortOrder: (index + 1) * 10 })
      departments.set(name, saved.id)
      sortOrder.set(name, saved.sortOrder)
    }
  }

  const existingPeople = await api.org.listPeople({ includeInactive: false })
  const phone = (): string => {
    const p = opts.phones.mobile(true)
    return `${p.normalized.slice(0, 3)} ${p.normalized.slice(3, 7)} ${p.normalized.slice(7)}`
  }
  const person = async (name: string, kind: PersonKind, department: (typeof DEPARTMENTS)[number] | null) => {
    const saved = await api.org.savePerson({ id: null, name, kind, departmentId: department ? (departments.get(department) ?? null) : null, phone: phone(), active: true })
    return saved
  }

  if (!existingPeople.some((p) => p.kind === 'designer')) {
    const designerCount = Math.min(40, Math.max(8, 8 + Math.round(Math.sqrt(opts.customers) / 20)))
    const heads: Partial<Record<(typeof DEPARTMENTS)[number], number>> = {}
    for (let i = 0; i < designerCount; i++) {
      const p = await person(names.next(), 'designer', '设计部')
      if (i === 0) heads['设计部'] = p.id
    }
    for (let i = 0; i < 5; i++) {
      const p = await person(names.next(), 'homeConsultant', '材料部')
      if (i === 0) heads['材料部'] = p.id
    }
    // a project manager, supervisor or crew follows a few dozen sites at most: a bigger company has more of them
    const siteTeams = Math.min(5, Math.max(1, Math.round(opts.customers / 40_000)))
    for (let i = 0; i < 6 * siteTeams; i++) {
      const p = await person(names.next(), 'projectManager', '工程部')
      if (i === 0) heads['工程部'] = p.id
    }
    for (let i = 0; i < 5 * siteTeams; i++) await person(names.next(), 'supervisor', '工程部')
    const trades = ['水电', '泥瓦', '木工', '油漆', '水电', '泥瓦', '木工', '安装']
    const crewNames = new Set<string>()
    for (const trade of Array.from({ length: siteTeams }, () => trades).flat()) {
      let crew = `${names.surname()}师傅${trade}班组`
      while (crewNames.has(crew)) crew = `${names.surname()}师傅${trade}班组`
      crewNames.add(crew)
      await person(crew, 'crew', '工程部')
    }
    for (let i = 0; i < 4; i++) await person(names.next(), 'repairWorker', '工程部')
    heads['财务部'] = (await person(names.next(), 'executive', '财务部')).id
    const gm = await person(names.next(), 'executive', null)
    await api.org.setGeneralManager({ personId: gm.id })
    for (const [name, headPersonId] of Object.entries(heads)) {
      await api.org.saveDepartment({ id: departments.get(name) ?? null, name, headPersonId, active: true, sortOrder: sortOrder.get(name) ?? 0 })
    }
  }

  // Accounts: each customer-service account is a person of 客服部; the manager heads it.
  const accounts = await api.staff.list()
  const taken = new Set(accounts.map((a) => a.username))
  const missing = DEMO_ACCOUNTS.filter((a) => a.role !== 'admin' && !taken.has(a.username))
  const linked: { username: string; role: Role; personId: number; displayName: string }[] = []
  for (const account of missing) {
    const displayName = names.next()
    const p = await person(displayName, 'serviceStaff', '客服部')
    linked.push({ ...account, personId: p.id, displayName })
  }
  // One after another, so that the ids are the same on every run with the same seed (side by side,
  // the account whose scrypt hash finished first would get the lower id).
  for (const a of linked) {
    await api.staff.create({ username: a.username, displayName: a.displayName, role: a.role, password: DEMO_PASSWORD, personId: a.personId, extension: demoExtension(a.username) })
  }
  // Demo agents of an older seed have no extension yet: give them theirs unless someone has it.
  const current = await api.staff.list()
  const byExtension = new Map(current.filter((a) => a.extension).map((a) => [a.extension, a.id]))
  for (const account of current) {
    const extension = demoExtension(account.username)
    if (extension && account.extension === null && !byExtension.has(extension)) {
      await api.staff.update({ id: account.id, extension })
      byExtension.set(extension, account.id)
    }
  }
  const manager = linked.find((a) => a.role === 'manager')
  if (manager) {
    await api.org.saveDepartment({ id: departments.get('客服部') ?? null, name: '客服部', headPersonId: manager.personId, active: true, sortOrder: sortOrder.get('客服部') ?? 0 })
  }

  const org = await existingOrg(store)
  const all = await api.staff.list()
  org.logins = DEMO_ACCOUNTS.filter((d) => all.some((a) => a.username === d.username && a.active)).map((d) => ({ username: d.username, password: DEMO_PASSWORD, role: d.role }))
  setSession(null)
  return org
}

/** 8001 for `agent`, 8002 for `agent2`, …; null for the other demo accounts. */
function demoExtension(username: string): string | null {
  const agents = DEMO_ACCOUNTS.filter((a) => a.role === 'agent')
  const index = agents.findIndex((a) => a.username === username)
  return index < 0 ? null : String(FIRST_DEMO_EXTENSION + index)
}

/** Ids of who is there, read straight from the tables (works without any login). */
async function existingOrg(store: Store): Promise<DemoOrg> {
  const designers: { id: number; name: string }[] = await store.read.query("SELECT id, name FROM person WHERE kind = 'designer' AND active = 1 ORDER BY id")
  const staff: { id: number; role: Role; username: string; displayName: string; extension: string | null }[] = await store.read.query(
    'SELECT id, role, username, display_name AS displayName, extension FROM staff_account WHERE active = 1 ORDER BY id',
  )
  const people: { n: number }[] = await store.read.query('SELECT COUNT(*) AS n FROM person')
  const ofRole = (...roles: Role[]) => staff.filter((s) => roles.includes(s.role)).map((s) => s.id)
  let receptionistIds = ofRole('receptionist')
  let agentIds = ofRole('agent')
  if (receptionistIds.length === 0) receptionistIds = ofRole('shiftLead', 'manager', 'agent', 'admin')
  if (agentIds.length === 0) agentIds = receptionistIds
  if (receptionistIds.length === 0) throw new Error('the database has no staff account to record visits by; run the app once or seed a new file')
  const agents = staff.filter((s) => agentIds.includes(s.id)).map(({ id, username, displayName, extension }) => ({ id, username, displayName, extension }))
  return { designers, receptionistIds, agentIds, agents, logins: [], people: Number(people[0]?.n ?? 0) }
}
