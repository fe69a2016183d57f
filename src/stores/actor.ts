/**
 * Who is recorded in the audit log: the mediator who unlocked the app, or "本机用户" when the app
 * lock is off. Stores pass `currentActor()` to every repository write.
 */
export const LOCAL_ACTOR = '本机用户'

let current = LOCAL_ACTOR

export function currentActor(): string {
  return current
}

export function setCurrentActor(name: string | undefined): void {
  current = name ?? LOCAL_ACTOR
}
