/**
 * What one party said in a 调查记录 or 调解记录. The record prints each statement as "姓名：…", so a
 * statement typed with the speaker's name in front ("张桂兰称：…") would print the name twice.
 */

/** Verbs a recorder writes between a name and what was said: 张桂兰称：… / 张桂兰说：… */
const SAYING = '(?:称|说|讲|陈述|表示|介绍)?'
const SEPARATOR = '[：:，,]'

function escapeRegExp(text: string): string {
  return text.replace(/[.*+?^${}()|[\]\\]/g, '\\$&')
}

/**
 * The statement without a leading "speaker称：" / "speaker：" that repeats who is speaking; anything else,
 * including a sentence that merely starts with the name ("张桂兰认为…"), is kept as typed.
 */
export function statementWithoutSpeaker(speaker: string, text: string): string {
  const name = speaker.trim()
  const trimmed = text.trimStart()
  if (name === '') return text
  const lead = new RegExp(`^${escapeRegExp(name)}\\s*${SAYING}\\s*${SEPARATOR}\\s*`, 'u')
  const match = lead.exec(trimmed)
  return match ? trimmed.slice(match[0].length) : text
}
