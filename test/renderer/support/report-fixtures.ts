import { h } from 'vue'
import { mount, flushPromises } from '@vue/test-utils'
import ElementPlus from 'element-plus'
import { createPinia } from 'pinia'
import { createMemoryHistory, createRouter, RouterView, type RouteRecordRaw } from 'vue-router'
import { createApiClient, type FileTransport, type Transport } from '@contract/app-api'
import type { Report } from '@contract/reports.contract'
import type { StaffingCell, StaffingPlan } from '@contract/dashboard.contract'
import type { Role } from '@contract/roles'
import { API_KEY, createRendererApi } from '@renderer/api-context'
import { createAppI18n } from '@renderer/i18n'
import { useAuthStore } from '@renderer/stores/auth.store'
import ReportView from '@renderer/views/reports/report-view.vue'
import ReportPrintView from '@renderer/views/reports/report-print-view.vue'
import StaffingView from '@renderer/views/staffing/staffing-view.vue'
import { createFakeTransport, type FakeHandler } from './fake-transport'
import { settings, userOf } from './fixtures'

/** A 客服月报表 as the core would build it: every cell format, a note, an empty section. */
export function serviceMonthly(overrides: Partial<Report> = {}): Report {
  return {
    kind: 'serviceMonthly',
    title: '客服月报表',
    companyName: '申城装饰',
    from: '2026-11-01',
    to: '2026-11-30',
    periodLabel: '2026年11月',
    generatedAt: '2026-12-01T01:30:00.000Z',
    sections: [
      {
        key: 'calls',
        title: '来电情况',
        columns: [
          { key: 'agent', label: '客服', format: 'text' },
          { key: 'callsIn', label: '呼入', format: 'int' },
          { key: 'answerRate', label: '接通率', format: 'percent' },
          { key: 'avgHandleSec', label: '平均通话（秒）', format: 'seconds' },
          { key: 'avgScore', label: '平均评分', format: 'score' },
          { key: 'depositFen', label: '定金', format: 'fen' },
        ],
        rows: [
          { agent: '陈客服', callsIn: 312, answerRate: 0.9375, avgHandleSec: 154.6, avgScore: 4.5, depositFen: 1234567 },
          { agent: '刘客服', callsIn: 0, answerRate: null, avgHandleSec: null, avgScore: null, depositFen: 0 },
        ],
        note: '接通率 = 呼入接通 ÷ 呼入已结束',
      },
      { key: 'complaints', title: '投诉情况', columns: [{ key: 'category', label: '类别', format: 'text' }, { key: 'count', label: '件数', format: 'int' }], rows: [] },
    ],
    ...overrides,
  }
}

export function staffingCell(weekday: number, hour: number, overrides: Partial<StaffingCell> = {}): StaffingCell {
  return { weekday, hour, callsPerHour: 0, handleSec: null, agentsNeeded: 0, serviceLevel: null, loggedIn: 0, ...overrides }
}

export function staffingPlan(cells: StaffingCell[], overrides: Partial<StaffingPlan> = {}): StaffingPlan {
  return { from: '2026-10-05', to: '2026-11-29', weeks: 8, targetPercent: 80, targetSeconds: 20, cells, ...overrides }
}

const Root = { render: () => h(RouterView) }

export const reportRoutes: RouteRecordRaw[] = [
  { path: '/reports', name: 'reports', component: ReportView },
  { path: '/staffing', name: 'staffing', component: StaffingView },
  { path: '/print/reports/:kind/:on?', name: 'report-print', component: ReportPrintView, props: true },
  { path: '/:any(.*)*', component: { render: () => h('div') } },
]

export interface ReportMountOptions {
  files?: Partial<FileTransport>
  printToPdf?: Transport['printToPdf']
}

/**
 * The app's report and staffing screens at `path`, logged in as `role`, over a fake core that
 * can also hand out files (the export's bytes) and print to PDF, as Electron does.
 */
export async function mountReportsAs(role: Role, path: string, handlers: Record<string, FakeHandler>, options: ReportMountOptions = {}) {
  const fake = createFakeTransport({
    'settings.get': () => settings,
    'auth.login': () => ({ token: 't', user: userOf(role) }),
    ...handlers,
  })
  const transport: Transport = {
    ...fake.transport,
    ...(options.files ? { files: options.files as FileTransport } : {}),
    ...(options.printToPdf ? { printToPdf: options.printToPdf } : {}),
  }
  const client = createApiClient(transport)
  const pinia = createPinia()
  const router = createRouter({ history: createMemoryHistory(), routes: reportRoutes })
  await router.push('/')
  await router.isReady()
  const host = document.createElement('div')
  document.body.appendChild(host)
  const wrapper = mount(Root, {
    attachTo: host,
    global: { plugins: [pinia, createAppI18n('zh-CN'), ElementPlus, router], provide: { [API_KEY as symbol]: createRendererApi(client) } },
  })
  await useAuthStore(pinia).login({ username: role, password: 'x' })
  await router.push(path)
  await flushPromises()
  return { wrapper, fake, router, pinia }
}
