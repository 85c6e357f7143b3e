import { afterEach, describe, expect, it, vi } from 'vitest'
import { flushPromises } from '@vue/test-utils'
import { AppError } from '@contract/errors'
import { companyDate } from '@contract/time'
import type { EvaluationRow, EvaluationScores } from '@contract/projects.contract'
import EvaluationListView from '@renderer/views/evaluations/evaluation-list-view.vue'
import { averagesOf, checkEvaluationDraft, defaultMonth, evaluationDraftOf, monthFromQuery } from '@renderer/views/evaluations/evaluation-scores'
import { click, dialog, evaluationRow, fieldError, mountSite, typeInto } from './support/site-fixtures'
import type { FakeHandler } from './support/fake-transport'

afterEach(() => {
  document.body.innerHTML = ''
  sessionStorage.clear()
})

const scored = (scores: Partial<Record<'designer' | 'projectManager' | 'supervisor' | 'crew' | 'overall', number>>, overrides: Partial<EvaluationRow> = {}): EvaluationRow =>
  evaluationRow({
    evaluation: {
      id: 91,
      scores: { designer: 5, projectManager: 4, supervisor: 4, crew: 3, overall: 4, ...scores },
      comment: '工期略有拖延',
      sentOn: '2026-10-20',
      returnedOn: '2026-10-28',
      recordedBy: { id: 7, name: '陈客服' },
      version: 2,
    },
    ...overrides,
  })

describe('evaluation rules', () => {
  it('defaults to last month and reads a month from the URL', () => {
    expect(defaultMonth('2026-01-15')).toBe('2025-12')
    expect(defaultMonth('2026-03-31')).toBe('2026-02')
    expect(monthFromQuery({ month: '2026-09' }, '2026-10')).toBe('2026-09')
    expect(monthFromQuery({ month: '2026-13' }, '2026-10')).toBe('2026-10')
  })

  it('takes whole scores from 1 to 5 only', () => {
    const draft = evaluationDraftOf(evaluationRow())
    draft.scores = { designer: 5, projectManager: 0, supervisor: 6, crew: 3.5, overall: null }
    expect(checkEvaluationDraft(draft)).toEqual({
      'scores.projectManager': 'scoreRange',
      'scores.supervisor': 'scoreRange',
      'scores.crew': 'scoreRange',
      'scores.overall': 'scoreRequired',
    })
  })

  it('averages each role over the forms entered', () => {
    const rows = [scored({ designer: 5 }), scored({ designer: 4, overall: 5 }), evaluationRow()]
    expect(averagesOf(rows).map((a) => [a.role, a.average, a.count])).toEqual([
      ['designer', 4.5, 2],
      ['projectManager', 4, 2],
      ['supervisor', 4, 2],
      ['crew', 3, 2],
      ['overall', 4.5, 2],
    ])
    expect(averagesOf([evaluationRow()])[0].average).toBeNull()
  })
})

describe('客户评价', () => {
  const lastMonth = defaultMonth(companyDate(new Date(), 'Asia/Shanghai'))

  function mountList(handlers: Record<string, FakeHandler> = {}, path = '/evaluations') {
    return mountSite(EvaluationListView, {
      path,
      handlers: {
        'projects.evaluations': () => [evaluationRow(), scored({}, { project: { id: 502, contractNo: 'HT2026-0502', address: '金地 8-301', completedOn: '2026-10-25' } })],
        ...handlers,
      },
    })
  }

  it('shows last month’s completed sites with their scores and the month’s averages', async () => {
    const { wrapper, fake } = await mountList()
    expect(fake.callsOf('projects.evaluations')[0].input).toEqual({ month: lastMonth })
    const rows = wrapper.findAll('[data-test="evaluations-table"] .el-table__body-wrapper .el-table__row')
    expect(rows).toHaveLength(2)
    expect(rows[0].text()).toContain('未录入')
    expect(rows[1].get('[data-test="evaluation-cell-designer"]').text()).toBe('5 分')
    expect(wrapper.get('[data-test="evaluation-entered"]').text()).toBe('已录入 1 / 2 份')
    expect(wrapper.get('[data-test="evaluation-average-designer"]').text()).toContain('5.0')
    expect(wrapper.get('[data-test="evaluation-average-crew"]').text()).toContain('3.0')
  })

  it('follows the month in the URL and reloads on a projects push', async () => {
    const { fake, router } = await mountList({}, '/evaluations?month=2026-09')
    expect(fake.callsOf('projects.evaluations')[0].input).toEqual({ month: '2026-09' })
    await router.push('/evaluations?month=2026-08')
    await flushPromises()
    expect(fake.callsOf('projects.evaluations').at(-1)?.input).toEqual({ month: '2026-08' })
    fake.emit({ type: 'dataChanged', area: 'projects', id: 501 })
    await flushPromises()
    expect(fake.callsOf('projects.evaluations')).toHaveLength(3)
  })

  it('sends no score outside 1–5 and whole scores when they are right', async () => {
    const { wrapper, fake } = await mountList({
      'projects.saveEvaluation': (input) => evaluationRow({ evaluation: { id: 92, scores: input.scores as EvaluationScores, comment: null, sentOn: null, returnedOn: null, recordedBy: { id: 7, name: 'agent user' }, version: 1 } }),
    })
    await click(wrapper.find('[data-test="evaluation-enter"]').element)
    const form = dialog('evaluation-dialog')
    const score = (role: string) => form.querySelector(`[data-test="evaluation-score-${role}-input"] input`) ?? form.querySelector(`input[data-test="evaluation-score-${role}-input"]`)
    await typeInto(score('designer'), '5')
    await typeInto(score('projectManager'), '7')
    await typeInto(score('supervisor'), '4.5')
    await typeInto(score('crew'), '0')
    await typeInto(score('overall'), '4')
    await click(form.querySelector('[data-test="evaluation-save"]'))
    await vi.waitFor(() => expect(fieldError(form, 'scores.projectManager')).toBe('评分须为 1 到 5 的整数'))
    expect(fieldError(form, 'scores.supervisor')).toBe('评分须为 1 到 5 的整数')
    expect(fieldError(form, 'scores.crew')).toBe('请打分（1–5 分）')
    expect(fieldError(form, 'scores.designer')).toBe('')
    expect(fake.callsOf('projects.saveEvaluation')).toHaveLength(0)

    await typeInto(score('projectManager'), '3')
    await typeInto(score('supervisor'), '4')
    // a star picked counts the same as a number typed
    await click(form.querySelectorAll('[data-field="scores.crew"] .el-rate__item')[1])
    await typeInto(form.querySelector('textarea[data-test="evaluation-comment"]'), '  设计很用心 ')
    await click(form.querySelector('[data-test="evaluation-save"]'))
    expect(fake.callsOf('projects.saveEvaluation').map((c) => c.input)).toEqual([
      { projectId: 501, version: null, scores: { designer: 5, projectManager: 3, supervisor: 4, crew: 2, overall: 4 }, comment: '设计很用心', sentOn: null, returnedOn: null },
    ])
    const sent = fake.callsOf('projects.saveEvaluation')[0].input.scores as Record<string, number>
    expect(Object.values(sent).every(Number.isInteger)).toBe(true)
    expect(fake.callsOf('projects.evaluations')).toHaveLength(2)
  })

  it('changes an entered form with its version and shows the server’s message under the score', async () => {
    const { wrapper, fake } = await mountList({
      'projects.saveEvaluation': () => {
        throw new AppError('VALIDATION', '总体评价必须在1到5之间', { 'scores.overall': '总体评价必须在1到5之间' })
      },
    })
    await click(wrapper.findAll('[data-test="evaluation-enter"]')[1].element)
    const form = dialog('evaluation-dialog')
    await click(form.querySelector('[data-test="evaluation-save"]'))
    expect(fake.callsOf('projects.saveEvaluation')[0].input).toMatchObject({ projectId: 502, version: 2, comment: '工期略有拖延', sentOn: '2026-10-20', returnedOn: '2026-10-28' })
    await vi.waitFor(() => expect(fieldError(form, 'scores.overall')).toBe('总体评价必须在1到5之间'))
  })
})
