import { useFormSave } from '../../use-form-save'

/**
 * How the deposit's forms save: field messages stay at their fields (and what was typed stays
 * too); a version conflict (someone else just recorded on this deposit) is said once and handed
 * to `onConflict`, which shows the deposit as it is now.
 */
export function useDepositSave(onConflict: () => void) {
  return useFormSave({ conflictMessage: 'projects.common.conflict', onConflict, clearOnRun: true })
}
