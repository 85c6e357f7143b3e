import type { Component } from 'vue'
import type { RouteRecordRaw } from 'vue-router'
import { Bell, Calendar, ChatLineSquare, DataLine, DocumentChecked, House, OfficeBuilding, Phone, Postcard, Present, Service, Setting, Stamp, StarFilled, Tickets, UserFilled, Van, View, Wallet, WarningFilled } from '@element-plus/icons-vue'
import { Document, Timer } from '@element-plus/icons-vue'
import { Odometer } from '@element-plus/icons-vue'
import { Notebook } from '@element-plus/icons-vue'
import type { Permission, Role } from '@contract/roles'

/** One area of the app: a left-nav item and its route. Adding an area is one entry here. */
export interface AreaRoute {
  name: string
  path: string
  /** i18n key of the nav label and page title */
  titleKey: string
  icon: Component
  /** the nav item and the route exist only for roles that have this permission */
  permission: Permission
  component: () => Promise<Component>
  children?: RouteRecordRaw[]
}

export const AREA_ROUTES: readonly AreaRoute[] = [
  { name: 'dashboard', path: '/dashboard', titleKey: 'nav.dashboard', icon: Odometer, permission: 'dashboard.read', component: () => import('./views/dashboard/dashboard-view.vue') },
  { name: 'reception', path: '/reception', titleKey: 'nav.reception', icon: Service, permission: 'visits.write', component: () => import('./views/visits/reception-view.vue') },
  { name: 'visits', path: '/visits', titleKey: 'visitList.title', icon: Notebook, permission: 'visits.read', component: () => import('./views/visits/visit-list-view.vue') },
  {
    name: 'customers',
    path: '/customers',
    titleKey: 'nav.customers',
    icon: Postcard,
    permission: 'customers.read',
    component: () => import('./views/customers/customer-list-view.vue'),
    children: [{ path: ':id(\\d+)', name: 'customer-detail', component: () => import('./views/customers/customer-detail-view.vue'), props: true }],
  },
  { name: 'calls', path: '/calls', titleKey: 'nav.calls', icon: Phone, permission: 'calls.write', component: () => import('./views/calls/call-desk-view.vue') },
  { name: 'call-log', path: '/call-log', titleKey: 'nav.callLog', icon: Tickets, permission: 'calls.read', component: () => import('./views/call-log/call-log-view.vue') },
  { name: 'board', path: '/board', titleKey: 'nav.board', icon: DataLine, permission: 'calls.monitor', component: () => import('./views/board/live-board-view.vue') },
  { name: 'staffing', path: '/staffing', titleKey: 'nav.staffing', icon: Timer, permission: 'dashboard.read', component: () => import('./views/staffing/staffing-view.vue') },
  {
    name: 'tickets',
    path: '/tickets',
    titleKey: 'nav.tickets',
    icon: WarningFilled,
    permission: 'tickets.read',
    component: () => import('./views/tickets/ticket-list-view.vue'),
    children: [{ path: ':id(\\d+)', name: 'ticket-detail', component: () => import('./views/tickets/ticket-detail-view.vue'), props: true }],
  },
  { name: 'callbacks', path: '/callbacks', titleKey: 'nav.callbacks', icon: DocumentChecked, permission: 'callbacks.read', component: () => import('./views/callbacks/callback-list-view.vue') },
  { name: 'greetings', path: '/greetings', titleKey: 'nav.greetings', icon: Present, permission: 'callbacks.read', component: () => import('./views/callbacks/greeting-list-view.vue') },
  { name: 'deposits', path: '/deposits', titleKey: 'nav.deposits', icon: Wallet, permission: 'projects.read', component: () => import('./views/deposits/deposit-list-view.vue') },
  {
    name: 'projects',
    path: '/projects',
    titleKey: 'nav.projects',
    icon: House,
    permission: 'projects.read',
    component: () => import('./views/projects/project-list-view.vue'),
    children: [{ path: ':id(\\d+)', name: 'project-detail', component: () => import('./views/projects/project-detail-view.vue'), props: true }],
  },
  { name: 'weekly', path: '/weekly', titleKey: 'nav.weekly', icon: Calendar, permission: 'projects.read', component: () => import('./views/projects/weekly-counts-view.vue') },
  { name: 'inspections', path: '/inspections', titleKey: 'nav.inspections', icon: View, permission: 'projects.read', component: () => import('./views/inspections/inspection-list-view.vue') },
  { name: 'viewings', path: '/viewings', titleKey: 'nav.viewings', icon: Van, permission: 'projects.read', component: () => import('./views/viewings/viewing-list-view.vue') },
  { name: 'evaluations', path: '/evaluations', titleKey: 'nav.evaluations', icon: StarFilled, permission: 'projects.read', component: () => import('./views/evaluations/evaluation-list-view.vue') },
  { name: 'reports', path: '/reports', titleKey: 'nav.reports', icon: Document, permission: 'reports.read', component: () => import('./views/reports/report-view.vue') },
  { name: 'assessments', path: '/assessments', titleKey: 'nav.assessments', icon: Stamp, permission: 'tickets.assess', component: () => import('./views/assessments/assessment-list-view.vue') },
  { name: 'notifications', path: '/notifications', titleKey: 'nav.notifications', icon: Bell, permission: 'tickets.read', component: () => import('./views/notifications/notification-list-view.vue') },
  { name: 'templates', path: '/templates', titleKey: 'nav.templates', icon: ChatLineSquare, permission: 'templates.read', component: () => import('./views/templates/template-admin-view.vue') },
  { name: 'staff', path: '/staff', titleKey: 'nav.staff', icon: UserFilled, permission: 'staff.manage', component: () => import('./views/staff/staff-view.vue') },
  { name: 'org', path: '/org', titleKey: 'nav.org', icon: OfficeBuilding, permission: 'org.read', component: () => import('./views/org/org-view.vue') },
  { name: 'settings', path: '/settings', titleKey: 'nav.settings', icon: Setting, permission: 'settings.manage', component: () => import('./views/settings/settings-view.vue') },
]

/** Where each role lands after login: the desk it spends the day at. */
export const ROLE_DESK: Record<Role, string> = {
  receptionist: 'reception',
  agent: 'calls',
  shiftLead: 'board',
  manager: 'dashboard',
  admin: 'staff',
}

/** The areas a user with these permissions may open, in nav order. */
export function visibleAreas(permissions: readonly Permission[], areas: readonly AreaRoute[] = AREA_ROUTES): AreaRoute[] {
  return areas.filter((area) => permissions.includes(area.permission))
}

/** The route a user lands on: their role's desk, or the first area they may open if the desk is not theirs. */
export function landingRouteName(role: Role, permissions: readonly Permission[], areas: readonly AreaRoute[] = AREA_ROUTES): string | null {
  const visible = visibleAreas(permissions, areas)
  const desk = ROLE_DESK[role]
  if (visible.some((a) => a.name === desk)) return desk
  return visible[0]?.name ?? null
}
