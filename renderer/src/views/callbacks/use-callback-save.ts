import { useFormSave } from '../../use-form-save'

/**
 * How the callback dialogs save: field messages stay at their fields; a version conflict (someone
 * else just recorded this callback) is said once and handed to `onConflict`, which reloads.
 * `mapFields` puts a server field name (`problem.personId`) under the form's own (`personId`).
 */
export function useCallbackSave(onConflict: () => void, mapFields: (fields: Record<string, string>) => Record<string, string> = (fields) => ({ ...fields })) {
  return useFormSave({ conflictMessage: 'callbackDesk.conflict', onConflict, placeFields: (fields) => ({ placed: mapFields(fields) }) })
}
