/**
 * 一事一案 helper: how much two texts talk about the same thing, by overlapping pairs of adjacent characters
 * (bigrams). Crude, but Chinese has no spaces to split words on and this catches the usual
 * "食堂午餐" vs "午餐食堂" duplicates without a dictionary.
 */

const IGNORED = /[\s\p{P}\p{S}]/gu

export function bigrams(text: string): Set<string> {
  const chars = Array.from(text.replace(IGNORED, ''))
  const out = new Set<string>()
  for (let i = 0; i + 1 < chars.length; i += 1) out.add(chars[i] + chars[i + 1])
  return out
}

/** Dice coefficient of the two bigram sets, 0..1. */
export function overlap(a: Set<string>, b: Set<string>): number {
  if (a.size === 0 || b.size === 0) return 0
  let common = 0
  for (const g of a) if (b.has(g)) common += 1
  return (2 * common) / (a.size + b.size)
}

/** Title counts double: two proposals with near-identical 案由 are the likeliest duplicates. */
export function similarityScore(a: { title: string; reasons: string }, b: { title: string; reasons: string }): number {
  const title = overlap(bigrams(a.title), bigrams(b.title))
  const body = overlap(bigrams(a.reasons), bigrams(b.reasons))
  const both = overlap(bigrams(a.title + a.reasons), bigrams(b.title + b.reasons))
  return Math.round(100 * Math.max(title, (2 * title + body) / 3, both))
}

export const SIMILAR_THRESHOLD = 30
