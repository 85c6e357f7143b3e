/** A full-page error drawn without Vue or Element Plus: used when the app cannot start at all. */
export function renderFatalError(root: HTMLElement, message: string): void {
  root.replaceChildren()
  const box = document.createElement('div')
  box.setAttribute('role', 'alert')
  box.setAttribute('data-test', 'fatal-error')
  box.style.cssText =
    'max-width:560px;margin:18vh auto 0;padding:28px 32px;border:1px solid #f3c4c4;border-radius:8px;background:#fff6f6;color:#8a1f1f;font:15px/1.7 "PingFang SC","Microsoft YaHei","Noto Sans CJK SC",sans-serif'
  const title = document.createElement('h1')
  title.textContent = 'RenoDesk 无法启动'
  title.style.cssText = 'margin:0 0 8px;font-size:18px'
  const text = document.createElement('p')
  text.textContent = message
  text.style.margin = '0'
  box.append(title, text)
  root.append(box)
}
