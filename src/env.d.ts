/// <reference types="vite/client" />
/// <reference path="./shared/ipc/window.d.ts" />
