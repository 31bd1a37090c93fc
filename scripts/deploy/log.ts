/**
 * All deploy output goes through here, and every secret it has been told about (AppSecret, the Tencent Cloud
 * key, the access token once fetched, the upload key's body) is masked, whatever line it turns up in.
 */
export interface Log {
  line(text?: string): void
  /** A secret to mask from now on. */
  secret(value: string): void
  /** The text as it would be written (for error messages built elsewhere). */
  mask(text: string): string
}

export const MASK = '******'

export function createLog(write: (text: string) => void): Log {
  const secrets = new Set<string>()
  const mask = (text: string): string => {
    let out = text
    // Longest first, so a secret that contains another is masked whole.
    for (const s of [...secrets].sort((a, b) => b.length - a.length)) out = out.split(s).join(MASK)
    return out
  }
  return {
    line: (text = '') => write(`${mask(text)}\n`),
    secret(value) {
      if (value && value.length >= 6) secrets.add(value)
    },
    mask,
  }
}

/** How a secret shows in the plan: that it is there, never what it is. */
export function hidden(value: string): string {
  return value ? `已填写（${value.length} 位，已隐藏）` : '未填写'
}
