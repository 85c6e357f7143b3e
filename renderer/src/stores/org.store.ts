import { ref } from 'vue'
import { defineStore } from 'pinia'
import type { Department, OrgChart, Person, PersonKind } from '@contract/org.contract'
import { useApi } from '../api-context'

export interface DepartmentInput {
  id: number | null
  name: string
  headPersonId: number | null
  active: boolean
  sortOrder: number
}

export interface PersonInput {
  id: number | null
  name: string
  kind: PersonKind
  departmentId: number | null
  phone: string | null
  active: boolean
}

/** Departments and the people work is assigned to (designers for the reception desk). */
export const useOrgStore = defineStore('org', () => {
  const { api } = useApi()
  const chart = ref<OrgChart | null>(null)
  const people = ref<Person[]>([])
  const designers = ref<Person[]>([])

  async function loadDesigners(): Promise<Person[]> {
    designers.value = await api.org.listPeople({ kind: 'designer' })
    return designers.value
  }

  async function loadChart(): Promise<OrgChart> {
    chart.value = await api.org.chart({})
    return chart.value
  }

  async function loadPeople(filter: { kind?: PersonKind; includeInactive?: boolean } = {}): Promise<Person[]> {
    people.value = await api.org.listPeople({ includeInactive: true, ...filter })
    return people.value
  }

  async function saveDepartment(input: DepartmentInput): Promise<Department> {
    return api.org.saveDepartment(input)
  }

  async function savePerson(input: PersonInput): Promise<Person> {
    return api.org.savePerson(input)
  }

  async function setGeneralManager(personId: number | null): Promise<OrgChart> {
    chart.value = await api.org.setGeneralManager({ personId })
    return chart.value
  }

  function clear(): void {
    chart.value = null
    people.value = []
    designers.value = []
  }

  return { chart, people, designers, clear, loadDesigners, loadChart, loadPeople, saveDepartment, savePerson, setGeneralManager }
})
