/** The navigation shell's chunk (AppNavShell.vue): AppShell renders it, src/main.ts may fetch it early. */
export const loadAppNavShell = () => import('./AppNavShell.vue')
