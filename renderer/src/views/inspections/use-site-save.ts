import { useFormSave } from '../../use-form-save'

/**
 * A server's field messages placed under the form's own fields (`aliases` maps a key the form
 * shows elsewhere, e.g. `customerIds.2` → `customerIds`); messages about nothing shown are `rest`.
 */
export function placeFieldErrors(fields: Record<string, string>, known: readonly string[], alias: (key: string) => string = (key) => key): { placed: Record<string, string>; rest: string[] } {
  const placed: Record<string, string> = {}
  const rest: string[] = []
  for (const [key, message] of Object.entries(fields)) {
    const target = alias(key)
    if (known.includes(target)) placed[target] ??= message
    else rest.push(message)
  }
  return { placed, rest }
}

/**
 * How the site screens' dialogs save: what was typed stays, the server's field messages stand
 * under their fields, anything else is said once; a version conflict (someone else changed it
 * first) is said and handed to `onConflict`, which reloads.
 */
export function useSiteSave(options: { known: readonly string[] | (() => readonly string[]); alias?: (key: string) => string; onConflict: () => void }) {
  return useFormSave({
    conflictMessage: 'site.conflict',
    onConflict: options.onConflict,
    placeFields: (fields) => placeFieldErrors(fields, typeof options.known === 'function' ? options.known() : options.known, options.alias),
    clearOnRun: true,
  })
}
