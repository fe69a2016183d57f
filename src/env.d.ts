/// <reference types="vite/client" />
// window.mediationRoom is declared in ./shared/ipc/window.d.ts
