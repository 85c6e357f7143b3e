import './boot/zod-jitless'
import { createApp } from 'vue'
import { createPinia } from 'pinia'
import 'element-plus/theme-chalk/base.css'
import 'element-plus/es/components/message/style/css'
import 'element-plus/es/components/message-box/style/css'
import './styles/app.css'
import App from './app.vue'
import { pickApiClient } from './api'
import { createRendererApi, provideApi } from './api-context'
import { renderFatalError } from './boot/connection-error'
import { createAppI18n } from './i18n'
import { createAppRouter } from './router'
import { useAuthStore } from './stores/auth.store'
import { clearSessionData } from './stores/session-reset'
import { toAppError } from './errors'
import { showError } from './notify'

const root = document.getElementById('app') ?? document.body

function connect() {
  try {
    return pickApiClient({
      windowApi: (window as Window & { api?: unknown }).api,
      search: window.location.search,
      storage: window.sessionStorage,
      EventSource: window.EventSource,
    })
  } catch (error) {
    renderFatalError(root, error instanceof Error ? error.message : String(error))
    throw error
  }
}

const hooks: { onUnauthenticated?: () => void } = {}
const api = createRendererApi(connect(), hooks)
const app = createApp(App)
const pinia = createPinia()
provideApi(app, api)
app.use(pinia)
app.use(createAppI18n())
const router = createAppRouter(pinia)
hooks.onUnauthenticated = () => {
  const auth = useAuthStore(pinia)
  if (!auth.user) return
  auth.sessionExpired()
  clearSessionData(pinia)
  void router.replace({ name: 'login', query: { redirect: router.currentRoute.value.fullPath } })
}
// A navigation that cannot even ask the core who is logged in leaves nothing to show.
router.onError((error) => renderFatalError(root, toAppError(error).message))
// Anything a screen did not catch still reaches the user as its Chinese message, never a stack.
app.config.errorHandler = (error) => {
  console.error(error)
  showError(error)
}
app.use(router)
app.mount(root)
