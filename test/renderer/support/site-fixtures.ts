import { flushPromises, mount } from '@vue/test-utils'
import ElementPlus from 'element-plus'
import { createPinia } from 'pinia'
import { createMemoryHistory, createRouter, RouterView, type RouteRecordRaw } from 'vue-router'
import { h, type Component } from 'vue'
import { createApiClient, type FileBytes, type FileTransport } from '@contract/app-api'
import { AppError } from '@contract/errors'
import type { Inspection, InspectionDue, InspectionPhoto, Rectification } from '@contract/inspections.contract'
import type { Person, PersonKind } from '@contract/org.contract'
import type { EvaluationRow } from '@contract/projects.contract'
import type { ViewingTrip } from '@contract/viewings.contract'
import { API_KEY, createRendererApi } from '@renderer/api-context'
import { createAppI18n } from '@renderer/i18n'
import { useAuthStore } from '@renderer/stores/auth.store'
import { createFakeTransport, type FakeHandler } from './fake-transport'
import { settings, userOf } from './fixtures'

/** A site under construction (Shanghai dates). */
export const SITE = { id: 501, contractNo: 'HT2026-0501', address: '翠湖天地 3栋 1202' }

export function person(id: number, name: string, kind: PersonKind, active = true): Person {
  return { id, name, kind, departmentId: null, departmentName: null, phone: null, accountId: null, isGeneralManager: false, active }
}

export const PEOPLE: Person[] = [
  person(31, '周监理', 'supervisor'),
  person(32, '吴项目', 'projectManager'),
  person(33, '郑客服', 'serviceStaff'),
  person(34, '王师傅施工队', 'crew'),
  person(35, '陈设计', 'designer'),
]

export function inspectionDue(overrides: Partial<InspectionDue> = {}): InspectionDue {
  return {
    project: { ...SITE },
    customer: { id: 42, name: '王芳' },
    supervisor: { id: 31, name: '周监理' },
    projectManager: null,
    lastInspectedOn: '2026-11-20',
    dueOn: '2026-11-27',
    overdueDays: 3,
    openRectifications: 1,
    ...overrides,
  }
}

export function rectification(overrides: Partial<Rectification> = {}): Rectification {
  return {
    id: 71,
    no: 'ZG20261127-001',
    inspectionId: 61,
    project: { ...SITE },
    customer: { id: 42, name: '王芳' },
    items: '卫生间防水层未到顶',
    responsible: { id: 32, name: '吴项目' },
    deadlineOn: '2026-11-30',
    status: 'open',
    overdue: false,
    rechecks: [],
    closedOn: null,
    version: 1,
    ...overrides,
  }
}

export function inspection(overrides: Partial<Inspection> = {}): Inspection {
  return {
    id: 61,
    project: { ...SITE },
    inspectedOn: '2026-11-27',
    inspector: { id: 31, name: '周监理' },
    recordedBy: { id: 7, name: '陈客服' },
    result: 'ok',
    findings: '水电开槽规范，现场整洁',
    photos: [],
    rectification: null,
    ...overrides,
  }
}

export function photo(id: number, name = `现场${id}.jpg`): InspectionPhoto {
  return { id, name, mime: 'image/jpeg', size: 204_800, uploadedAt: '2026-11-27T03:00:00.000Z' }
}

export function viewingTrip(overrides: Partial<ViewingTrip> = {}): ViewingTrip {
  return {
    id: 81,
    tripOn: '2026-11-29',
    departAt: '09:30',
    guide: { id: 7, name: '陈客服' },
    clients: [
      { customer: { id: 42, name: '王芳' }, outcome: null },
      { customer: { id: 43, name: '李强' }, outcome: null },
    ],
    sites: [{ ...SITE }],
    note: null,
    report: null,
    reportedAt: null,
    version: 3,
    ...overrides,
  }
}

export function evaluationRow(overrides: Partial<EvaluationRow> = {}): EvaluationRow {
  return {
    project: { ...SITE, completedOn: '2026-10-18' },
    customer: { id: 42, name: '王芳' },
    designer: { id: 35, name: '陈设计' },
    projectManager: { id: 32, name: '吴项目' },
    supervisor: { id: 31, name: '周监理' },
    crew: null,
    evaluation: null,
    ...overrides,
  }
}

export const pageOf = <T>(items: T[], total = items.length) => ({ items, total, page: 1, pageSize: 20 })

/** Photos as a core would keep them: uploads remembered, downloads answered with their bytes. */
export function fakePhotoFiles(options: { refuse?: string } = {}) {
  const uploads: { inspectionId: number; name: string; mime: string; size: number }[] = []
  const downloads: number[] = []
  let nextId = 900
  const files: FileTransport = {
    upload: async () => ({ ok: false, error: { code: 'INTERNAL', message: 'not for tickets' } }),
    download: async () => ({ ok: false, error: { code: 'INTERNAL', message: 'not for tickets' } }),
    downloadExport: async () => ({ ok: false, error: { code: 'INTERNAL', message: 'not for exports' } }),
    async uploadInspectionPhoto({ inspectionId, file }) {
      if (options.refuse) return { ok: false, error: new AppError('VALIDATION', options.refuse).toShape() }
      uploads.push({ inspectionId, name: file.name, mime: file.mime, size: file.bytes.length })
      return { ok: true, value: { ...photo(nextId++, file.name), mime: file.mime, size: file.bytes.length } }
    },
    async downloadInspectionPhoto({ photoId }) {
      downloads.push(photoId)
      const value: FileBytes = { name: `${photoId}.jpg`, mime: 'image/jpeg', bytes: new Uint8Array([0xff, 0xd8, 0xff]) }
      return { ok: true, value }
    },
  }
  return { files, uploads, downloads }
}

const stub = { render: () => h('div') }

/**
 * Mounts one of the site screens as the app does (Pinia, zh-CN, Element Plus, the API over a
 * fake core and fake photo files), logged in as `role`, at `path`.
 */
export async function mountSite(view: Component, options: { path: string; handlers: Record<string, FakeHandler>; role?: 'agent' | 'receptionist'; photos?: ReturnType<typeof fakePhotoFiles> }) {
  const fake = createFakeTransport({
    'settings.get': () => settings,
    'auth.login': () => ({ token: 't', user: userOf(options.role ?? 'agent') }),
    'org.chart': () => ({ departments: [], generalManager: null }),
    'org.listPeople': () => PEOPLE,
    ...options.handlers,
  })
  const photos = options.photos ?? fakePhotoFiles()
  const client = createApiClient({ ...fake.transport, files: photos.files })
  const api = createRendererApi(client)
  const pinia = createPinia()
  const base = options.path.split('?')[0]
  const routes: RouteRecordRaw[] = [
    { path: base, component: view },
    { path: '/projects/:id', name: 'project-detail', component: stub },
    { path: '/customers/:id', name: 'customer-detail', component: stub },
  ]
  const router = createRouter({ history: createMemoryHistory(), routes })
  await router.push(options.path)
  await router.isReady()
  const host = document.createElement('div')
  document.body.appendChild(host)
  const wrapper = mount({ render: () => h(RouterView) }, {
    attachTo: host,
    global: { plugins: [pinia, createAppI18n('zh-CN'), ElementPlus, router], provide: { [API_KEY as symbol]: api } },
  })
  await useAuthStore(pinia).login({ username: 'u', password: 'x' })
  await flushPromises()
  return { wrapper, fake, router, pinia, photos }
}

/** The dialog (teleported to <body>) whose data-test is `name`. */
export function dialog(name: string): HTMLElement {
  const found = document.querySelector<HTMLElement>(`[data-test="${name}"]`)
  if (!found) throw new Error(`no dialog ${name}`)
  return found
}

/** Types into an input or textarea as a user would. */
export async function typeInto(element: Element | null, value: string): Promise<void> {
  if (!element) throw new Error('nothing to type into')
  const input = element.matches('input, textarea') ? (element as HTMLInputElement) : element.querySelector<HTMLInputElement>('input, textarea')!
  input.value = value
  input.dispatchEvent(new Event('input', { bubbles: true }))
  input.dispatchEvent(new Event('change', { bubbles: true }))
  await flushPromises()
}

export async function click(element: Element | null): Promise<void> {
  if (!element) throw new Error('nothing to click')
  ;(element as HTMLElement).click()
  await flushPromises()
}

/** The message Element Plus shows under the form item of `field` (its `data-field`). */
export function fieldError(root: Element, field: string): string {
  return root.querySelector(`[data-field="${field}"] .el-form-item__error`)?.textContent?.trim() ?? ''
}

/** The text box of the form item of `field`. */
export function fieldInput(root: Element, field: string): HTMLInputElement {
  const input = root.querySelector<HTMLInputElement>(`[data-field="${field}"] input, [data-field="${field}"] textarea`)
  if (!input) throw new Error(`no input for ${field}`)
  return input
}
