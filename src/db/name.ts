/** The app's IndexedDB database. A module of its own so the start-up entry can name it without loading Dexie. */
export const DB_NAME = 'mediation-room'
