import { computed } from 'vue'
import type { Department, Person } from '@contract/org.contract'
import { useOrgStore } from '../../stores/org.store'

/** Departments in the order the org chart keeps them, active ones only unless one is already chosen. */
export function departmentOptions(departments: readonly Department[], keepId: number | null = null): Department[] {
  return departments.filter((d) => d.active || d.id === keepId).sort((a, b) => a.sortOrder - b.sortOrder || a.name.localeCompare(b.name, 'zh-CN'))
}

/**
 * Who can be made responsible within a department: its own people first, then people outside
 * any department (a crew, an outside supplier), whom the core also accepts.
 */
export function responsibleOptions(people: readonly Person[], departmentId: number | null, keepId: number | null = null): { inDepartment: Person[]; unattached: Person[] } {
  const usable = people.filter((p) => p.active || p.id === keepId)
  return {
    inDepartment: departmentId === null ? [] : usable.filter((p) => p.departmentId === departmentId),
    unattached: usable.filter((p) => p.departmentId === null),
  }
}

/** The org chart and everyone in it, loaded once per screen through the org store. */
export function useOrgOptions() {
  const org = useOrgStore()
  const departments = computed(() => org.chart?.departments ?? [])
  const people = computed(() => org.people)
  const workers = computed(() => org.people.filter((p) => p.kind === 'repairWorker'))

  function load(): Promise<unknown> {
    return Promise.all([org.chart ? org.chart : org.loadChart(), org.people.length ? org.people : org.loadPeople({ includeInactive: true })])
  }

  const headOf = (departmentId: number | null): number | null => departments.value.find((d) => d.id === departmentId)?.headPersonId ?? null

  return { departments, people, workers, load, headOf }
}
