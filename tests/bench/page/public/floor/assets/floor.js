// The floor of the shell figures: draws what tests/e2e/helpers/firstScreen.ts waits for on the screen
// named by ?screen= (setup: the heading and an enabled 下一步; dashboard: the main navigation with 案件,
// whose link routes to #/cases as the app's does, and the 工作台 heading), and nothing else.
const screen = new URLSearchParams(window.location.search).get('screen')
const app = document.getElementById('app')
if (screen === 'setup') {
  const heading = document.createElement('h1')
  heading.textContent = '欢迎使用调解室'
  const next = document.createElement('button')
  next.type = 'button'
  next.textContent = '下一步'
  app.append(heading, next)
} else {
  const nav = document.createElement('nav')
  nav.setAttribute('aria-label', '主导航')
  const cases = document.createElement('a')
  cases.href = '#/cases'
  cases.textContent = '案件'
  nav.append(cases)
  const heading = document.createElement('h1')
  heading.textContent = '工作台'
  app.append(nav, heading)
}
