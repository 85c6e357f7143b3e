import { onBeforeUnmount, onMounted } from 'vue'
import { useApi } from './api-context'

/** Calls `reload` whenever the core says this area's data changed (pushed, never polled). */
export function useDataChanged(area: string, reload: (id?: number) => void): void {
  const { onEvent } = useApi()
  let stop: (() => void) | null = null
  onMounted(() => {
    stop = onEvent((event) => {
      if (event.type === 'dataChanged' && event.area === area) reload(event.id)
    })
  })
  onBeforeUnmount(() => stop?.())
}
