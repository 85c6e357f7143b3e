import { useRouter } from 'vue-router'
import { useI18n } from 'vue-i18n'
import { ElMessage } from 'element-plus'
import { useApi } from '../../api-context'
import { useAuthStore } from '../../stores/auth.store'
import { useCallDeskStore } from './call-desk.store'

/**
 * A call ringing at my extension pops the call desk, from whatever screen is open: the desk
 * comes up with the number, the screen pop and 来电振铃中. Pushed by the core, never polled.
 * Safe to call from several components: the desk listens once per session.
 */
export function useRingingPop(): void {
  const { onEvent } = useApi()
  const auth = useAuthStore()
  const desk = useCallDeskStore()
  const router = useRouter()
  const { t } = useI18n()
  desk.listen({
    onEvent,
    staffId: () => auth.user?.id ?? null,
    show: () => {
      if (router.currentRoute.value.name !== 'calls') router.push({ name: 'calls' }).catch(() => undefined)
    },
    onUnanswered: (call) => ElMessage.info({ message: t('desk.status.unansweredLeft', { number: call.display || t('desk.pop.withheld') }), grouping: true }),
  })
}
