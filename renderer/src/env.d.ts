import 'vue-router'
import type { Permission } from '@contract/roles'

declare module 'vue-router' {
  interface RouteMeta {
    /** login and first-start setup: reachable without a session */
    public?: boolean
    permission?: Permission
    titleKey?: string
  }
}

export {}
