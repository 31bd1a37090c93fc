/**
 * Words in an anonymous suggestion that may tell who wrote it. Turned into a proposal, its text appears
 * under a delegate's name, so the committee is warned before and the delegate is asked to reword them.
 * A simple check on purpose: it names what it found, and people decide.
 */

/** A stretch of one clause: no punctuation or spaces. */
const CLAUSE = '[^，。,.；;：:！!？?、\\s]'

const PATTERNS: readonly RegExp[] = [
  // 我是三年级的王老师, 我是数学组组长, 我叫王芳
  new RegExp(`我是${CLAUSE}{1,12}?(?:老师|教师|班主任|组长|主任|校长|职工|校医|会计)`, 'g'),
  new RegExp(`我叫${CLAUSE}{1,4}`, 'g'),
  // 本人在三(2)班任教
  new RegExp(`本人${CLAUSE}{0,8}`, 'g'),
  new RegExp(`工号[:：\\s]*[A-Za-z0-9]{2,}`, 'g'),
  /(?<!\d)1\d{10}(?!\d)/g,
]

/** The most warnings shown: a handful is enough to make the point. */
const MAX_FOUND = 5

/** Distinct self-identifying phrases in `text`, and the names of `members` it mentions (two characters or more). */
export function identifyingWords(text: string, members: readonly string[]): string[] {
  const found: string[] = []
  for (const pattern of PATTERNS) for (const m of text.matchAll(pattern)) found.push(m[0])
  for (const name of members) if (Array.from(name).length >= 2 && text.includes(name)) found.push(name)
  return [...new Set(found)].slice(0, MAX_FOUND)
}
