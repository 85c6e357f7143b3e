import { describe, expect, it, vi } from 'vitest'
import { defineComponent, h } from 'vue'
import { mount } from '@vue/test-utils'
import { useAltNew, useRowWalk } from '@renderer/use-list-keys'

const key = (init: KeyboardEventInit) => new KeyboardEvent('keydown', { cancelable: true, ...init })

/** Runs `setup` inside a mounted component, where composables with lifecycle hooks belong. */
function host(setup: () => void) {
  return mount(
    defineComponent({
      setup() {
        setup()
        return () => h('div')
      },
    }),
  )
}

function withWalk(rows: string[], pending = false) {
  const highlight = vi.fn()
  const open = vi.fn()
  const apply = vi.fn()
  let walk!: ReturnType<typeof useRowWalk<string>>
  host(() => {
    walk = useRowWalk({ rows: () => rows, highlight, open, typingPending: () => pending, apply })
  })
  return { walk, highlight, open, apply }
}

describe('useRowWalk', () => {
  it('walks the rows with ↓/↑, stopping at either end, and Enter opens the one it stands on', () => {
    const { walk, highlight, open } = withWalk(['a', 'b'])
    const down = key({ key: 'ArrowDown' })
    walk.onSearchKey(down)
    expect(down.defaultPrevented).toBe(true)
    walk.onSearchKey(key({ key: 'ArrowDown' }))
    walk.onSearchKey(key({ key: 'ArrowDown' }))
    expect(highlight.mock.calls.map(([row]) => row)).toEqual(['a', 'b', 'b'])
    walk.onSearchKey(key({ key: 'ArrowUp' }))
    walk.onSearchKey(key({ key: 'ArrowUp' }))
    expect(walk.current.value).toBe(0)
    walk.onSearchKey(key({ key: 'Enter' }))
    expect(open).toHaveBeenCalledWith('a')
  })

  it('opens nothing before a row is picked, nor on an empty page', () => {
    const { walk, highlight, open } = withWalk([])
    walk.onSearchKey(key({ key: 'ArrowDown' }))
    walk.onSearchKey(key({ key: 'Enter' }))
    expect(highlight).not.toHaveBeenCalled()
    expect(open).not.toHaveBeenCalled()
    expect(walk.current.value).toBe(-1)
  })

  it('applies text still waiting instead of opening, and leaves an IME’s Enter alone', () => {
    const pending = withWalk(['a'], true)
    pending.walk.current.value = 0
    pending.walk.onSearchKey(key({ key: 'Enter' }))
    expect(pending.apply).toHaveBeenCalledTimes(1)
    expect(pending.open).not.toHaveBeenCalled()

    const typing = withWalk(['a'])
    typing.walk.current.value = 0
    const composing = key({ key: 'Enter', isComposing: true })
    typing.walk.onSearchKey(composing)
    expect(typing.open).not.toHaveBeenCalled()
    expect(composing.defaultPrevented).toBe(false)
  })
})

describe('useAltNew', () => {
  it('runs on Alt+N while mounted and allowed, and stops listening once unmounted', () => {
    let allowed = true
    const create = vi.fn()
    const wrapper = host(() => useAltNew(() => allowed, create))
    const altN = key({ key: 'N', altKey: true })
    window.dispatchEvent(altN)
    expect(create).toHaveBeenCalledTimes(1)
    expect(altN.defaultPrevented).toBe(true)
    window.dispatchEvent(key({ key: 'n', altKey: true, ctrlKey: true }))
    window.dispatchEvent(key({ key: 'n' }))
    allowed = false
    window.dispatchEvent(key({ key: 'n', altKey: true }))
    expect(create).toHaveBeenCalledTimes(1)
    allowed = true
    wrapper.unmount()
    window.dispatchEvent(key({ key: 'n', altKey: true }))
    expect(create).toHaveBeenCalledTimes(1)
  })
})
