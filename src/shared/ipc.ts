/**
 * The one IPC contract. Each channel group (./ipc/*.ts) declares request and result schemas;
 * electron/main registers a handler per channel and electron/preload exposes one verb per channel,
 * both typed from this map. Owner of the mechanism: the Electron shell.
 */
export {}
