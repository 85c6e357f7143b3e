import { mount, flushPromises } from '@vue/test-utils'
import ElementPlus from 'element-plus'
import { createPinia } from 'pinia'
import { createMemoryHistory, createRouter, type Router, type RouteRecordRaw } from 'vue-router'
import { defineComponent, h, type Component } from 'vue'
import { createApiClient } from '@contract/app-api'
import { API_KEY, createRendererApi } from '@renderer/api-context'
import { DIALOGS_KEY, type Dialogs } from '@renderer/dialogs'
import { createAppI18n } from '@renderer/i18n'
import { createFakeTransport, type FakeHandler } from './fake-transport'

export interface MountOptions {
  handlers?: Record<string, FakeHandler>
  dialogs?: Dialogs
  routes?: RouteRecordRaw[]
  initialPath?: string
}

/** A dialog double that answers every confirm with `answer` and remembers the messages. */
export function fakeDialogs(answer: boolean) {
  const asked: string[] = []
  const dialogs: Dialogs = {
    async confirm({ message }) {
      asked.push(message)
      return answer
    },
  }
  return { dialogs, asked }
}

/** Mounts a screen the way the app does: Pinia, i18n (zh-CN), Element Plus, the API over a fake core. */
export async function mountScreen(component: Component, options: MountOptions = {}) {
  const fake = createFakeTransport(options.handlers)
  const client = createApiClient(fake.transport)
  const api = createRendererApi(client)
  const pinia = createPinia()
  const routes: RouteRecordRaw[] = options.routes ?? [{ path: '/:any(.*)*', component: defineComponent({ render: () => h('div') }) }]
  const router: Router = createRouter({ history: createMemoryHistory(), routes })
  await router.push(options.initialPath ?? '/')
  await router.isReady()
  const host = document.createElement('div')
  document.body.appendChild(host)
  const wrapper = mount(component, {
    attachTo: host,
    global: {
      plugins: [pinia, createAppI18n('zh-CN'), ElementPlus, router],
      provide: { [API_KEY as symbol]: api, ...(options.dialogs ? { [DIALOGS_KEY as symbol]: options.dialogs } : {}) },
    },
  })
  await flushPromises()
  return { wrapper, fake, router, pinia, client }
}

export const sleep = (ms: number) => new Promise((resolve) => setTimeout(resolve, ms))
