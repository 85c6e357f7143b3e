import { createRouter, createWebHashHistory, type RouteRecordRaw, type Router, type RouterHistory } from 'vue-router'
import type { Pinia } from 'pinia'
import { REPORT_KINDS } from '@contract/reports.contract'
import { AREA_ROUTES, landingRouteName } from './nav-routes'
import { useAuthStore } from './stores/auth.store'

function appRoutes(): RouteRecordRaw[] {
  return [
    { path: '/setup', name: 'setup', component: () => import('./views/auth/setup-view.vue'), meta: { public: true } },
    { path: '/login', name: 'login', component: () => import('./views/auth/login-view.vue'), meta: { public: true } },
    {
      path: '/',
      name: 'home',
      component: () => import('./components/app-layout.vue'),
      children: AREA_ROUTES.map((area) => ({
        path: area.path.slice(1),
        name: area.children ? undefined : area.name,
        component: area.component,
        meta: { permission: area.permission, titleKey: area.titleKey },
        children: area.children ? [{ path: '', name: area.name, component: { render: () => null } }, ...area.children] : undefined,
      })),
    },
    // The paper forms (客户投诉联系单 / 客户维修受理单 / 整改通知书), outside the app layout so that they print alone.
    {
      path: '/print/tickets/:id(\\d+)',
      name: 'ticket-print',
      component: () => import('./views/print/ticket-print-view.vue'),
      props: true,
      meta: { permission: 'tickets.read' },
    },
    // 整改通知书 of a site inspection (the inspection's id: one read gives the notice and what was found)
    {
      path: '/print/inspections/:id(\\d+)/notice',
      name: 'rectification-print',
      component: () => import('./views/print/rectification-print-view.vue'),
      props: true,
      meta: { permission: 'projects.read' },
    },
    // 报表 on paper: `/print/reports/serviceMonthly?on=2026-11-01`, or with the date as a path segment
    // (`…/serviceMonthly/2026-11-01`), the form Electron's PDF printer accepts (print routes carry no query)
    {
      path: `/print/reports/:kind(${REPORT_KINDS.join('|')})/:on(\\d{4}-\\d{2}-\\d{2})?`,
      name: 'report-print',
      component: () => import('./views/reports/report-print-view.vue'),
      props: true,
      meta: { permission: 'reports.read' },
    },
    { path: '/:pathMatch(.*)*', redirect: '/' },
  ]
}

/** Hash history: Electron loads the page from file://. */
export function createAppRouter(pinia: Pinia, history: RouterHistory = createWebHashHistory()): Router {
  const router = createRouter({ history, routes: appRoutes() })

  router.beforeEach(async (to) => {
    const auth = useAuthStore(pinia)
    await auth.ready()
    if (auth.needsSetup) return to.name === 'setup' ? true : { name: 'setup' }
    if (to.name === 'setup') return { name: 'login' }
    const landing = auth.user ? landingRouteName(auth.user.role, auth.permissions) : null
    if (to.meta.public) return auth.user && landing ? { name: landing } : true
    if (!auth.user) return { name: 'login', query: to.fullPath === '/' ? {} : { redirect: to.fullPath } }
    const needed = to.matched.map((record) => record.meta.permission).filter((p) => p !== undefined)
    if (needed.some((permission) => !auth.can(permission)) || to.name === 'home') {
      return landing ? { name: landing } : { name: 'login' }
    }
    return true
  })

  return router
}
