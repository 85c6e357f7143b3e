import { computed } from 'vue'
import type { PersonKind } from '@contract/org.contract'
import { useProjectsStore } from '../../stores/projects.store'
import { useOrgOptions } from '../tickets/org-options'

/** Someone a select offers: an org person (设计师, 项目经理…) or a staff account (跟进客服). */
export interface Choice {
  id: number
  name: string
  active: boolean
}

/** The active ones, plus the one already chosen even after they left (an old contract still names them). */
export function choicesOf<T extends Choice>(all: readonly T[], keepId: number | null = null): T[] {
  return all.filter((c) => c.active || c.id === keepId)
}

/**
 * The people a deposit or a site names, by kind, from the org chart (loaded once through the org
 * store); with `agents`, also the staff who can follow a site (calls.agents).
 */
export function useSitePeople() {
  const org = useOrgOptions()
  const projects = useProjectsStore()
  const people = org.people
  const agents = computed<Choice[]>(() => projects.agents)

  function load(options: { agents?: boolean } = {}): Promise<unknown> {
    return Promise.all([org.load(), options.agents ? projects.loadAgents() : null])
  }

  // one computed list per kind, so a select re-renders only when its own people change
  const ofKind = (kind: PersonKind) => computed<Choice[]>(() => people.value.filter((p) => p.kind === kind))

  return { people, agents, load, designers: ofKind('designer'), consultants: ofKind('homeConsultant'), managers: ofKind('projectManager'), supervisors: ofKind('supervisor'), crews: ofKind('crew') }
}
