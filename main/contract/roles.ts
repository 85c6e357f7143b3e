/** Roles of staff who log in, and what each may do. The core checks these on every call. */
export const ROLES = ['receptionist', 'agent', 'shiftLead', 'manager', 'admin'] as const
export type Role = (typeof ROLES)[number]

export const ROLE_LABELS: Record<Role, string> = {
  receptionist: '前台',
  agent: '客服专员',
  shiftLead: '客服班长',
  manager: '客服经理',
  admin: '管理员',
}

export const PERMISSIONS = [
  'session',
  'customers.read',
  'customers.write',
  'customers.viewPhone',
  'visits.read',
  'visits.write',
  'calls.read',
  'calls.write',
  'calls.monitor',
  'templates.read',
  'templates.manage',
  'tickets.read',
  'tickets.create',
  'tickets.write',
  'tickets.all',
  'tickets.assess',
  'callbacks.read',
  'callbacks.write',
  'projects.read',
  'projects.write',
  'dashboard.read',
  'reports.read',
  'org.read',
  'org.manage',
  'staff.manage',
  'settings.manage',
  'audit.read',
] as const
export type Permission = (typeof PERMISSIONS)[number]

// A receptionist opens tickets for walk-in complaints and sees the ones they opened, nothing more.
const FRONT_DESK: Permission[] = ['session', 'customers.read', 'customers.write', 'visits.read', 'visits.write', 'org.read', 'templates.read', 'tickets.read', 'tickets.create']
const SERVICE_DESK: Permission[] = [...FRONT_DESK, 'customers.viewPhone', 'calls.read', 'calls.write', 'tickets.write', 'callbacks.read', 'callbacks.write', 'projects.read', 'projects.write', 'reports.read']

/**
 * Agents write the weekly report (每周五完成《客服服务部周报表》), so they read reports; the
 * 月业绩考核表 names people's assessment amounts and stays with whoever assesses (tickets.assess).
 * Receptionists see masked phones: they type the number of the client in front of them, but
 * the archive's other numbers are none of their business (保密制度). Admins run accounts and
 * settings and see no customer data at all.
 */
export const ROLE_PERMISSIONS: Record<Role, readonly Permission[]> = {
  receptionist: FRONT_DESK,
  agent: SERVICE_DESK,
  shiftLead: [...SERVICE_DESK, 'calls.monitor', 'tickets.all', 'dashboard.read'],
  manager: [...SERVICE_DESK, 'calls.monitor', 'tickets.all', 'tickets.assess', 'dashboard.read', 'templates.manage', 'org.manage', 'settings.manage', 'audit.read'],
  admin: ['session', 'org.read', 'org.manage', 'staff.manage', 'settings.manage', 'audit.read'],
}

export function roleHas(role: Role, permission: Permission): boolean {
  return ROLE_PERMISSIONS[role].includes(permission)
}
