import { flushPromises } from '@vue/test-utils'
import { defineComponent, h } from 'vue'
import CallDeskView from '@renderer/views/calls/call-desk-view.vue'
import { useAuthStore } from '@renderer/stores/auth.store'
import { LOOKUP_DEBOUNCE_MS } from '@renderer/views/visits/use-phone-lookup'
import { fakeDialogs, mountScreen, sleep } from './mount-helpers'
import { userOf } from './fixtures'
import { deskHandlers } from './call-desk-fixtures'
import type { FakeHandler } from './fake-transport'

const stub = defineComponent({ render: () => h('div') })
const mountedDesks: { unmount: () => void }[] = []

/** Unmounts every desk a test mounted: a desk left mounted would keep its window key listeners. */
export function unmountDesks(): void {
  for (const wrapper of mountedDesks.splice(0)) wrapper.unmount()
  document.body.innerHTML = ''
}

/** The call desk over a fake core, logged in as agent 7, with the app's routes for the desk and the archive. */
export async function mountDesk(handlers: Record<string, FakeHandler> = {}, options: { confirm?: boolean; initialPath?: string } = {}) {
  const { dialogs, asked } = fakeDialogs(options.confirm ?? true)
  const mounted = await mountScreen(CallDeskView, {
    handlers: { ...deskHandlers, ...handlers },
    dialogs,
    initialPath: options.initialPath ?? '/calls',
    routes: [
      { path: '/calls', name: 'calls', component: stub },
      { path: '/customers/:id?', name: 'customers', component: stub },
    ],
  })
  mountedDesks.push(mounted.wrapper)
  useAuthStore(mounted.pinia).user = userOf('agent', 7)
  await flushPromises()
  return { ...mounted, asked }
}

export type Desk = Awaited<ReturnType<typeof mountDesk>>
export type DeskWrapper = Desk['wrapper']

/** The native input or textarea an Element Plus field renders for `data-test`. */
export function field(wrapper: DeskWrapper, test: string): HTMLInputElement | HTMLTextAreaElement {
  const found = wrapper.find(`input[data-test="${test}"], textarea[data-test="${test}"]`)
  if (found.exists()) return found.element as HTMLInputElement
  return wrapper.get(`[data-test="${test}"]`).element.querySelector('input, textarea') as HTMLInputElement
}

export async function typeInto(wrapper: DeskWrapper, test: string, value: string): Promise<void> {
  const el = field(wrapper, test)
  el.value = value
  el.dispatchEvent(new Event('input', { bubbles: true }))
  await flushPromises()
}

export async function press(target: EventTarget, key: string, init: KeyboardEventInit = {}): Promise<void> {
  target.dispatchEvent(new KeyboardEvent('keydown', { key, bubbles: true, cancelable: true, ...init }))
  await flushPromises()
}

/** Past the number box's debounce, and the answer in. */
export async function afterLookup(): Promise<void> {
  await sleep(LOOKUP_DEBOUNCE_MS + 50)
  await flushPromises()
}

/** Element Plus shows a form item's error 100 ms after it is set (a debounced state). */
export async function settle(): Promise<void> {
  await flushPromises()
  await sleep(120)
}

export const errorOf = (wrapper: DeskWrapper, name: string) => wrapper.find(`[data-field="${name}"] .el-form-item__error`)
