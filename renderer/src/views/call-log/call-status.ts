import type { CallStatus } from '@contract/calls.contract'

type TagType = 'primary' | 'success' | 'warning' | 'danger' | 'info'

/** One colour per status wherever a call is shown: red is what someone still owes a callback. */
export const CALL_STATUS_TAG: Record<CallStatus, TagType> = {
  ringing: 'warning',
  talking: 'primary',
  answered: 'success',
  missed: 'danger',
  abandoned: 'info',
}
