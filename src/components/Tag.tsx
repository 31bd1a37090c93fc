import { Text } from '@tarojs/components'

export type TagTone = 'neutral' | 'primary' | 'success' | 'warning'

/** A short label such as a role or 已绑定; large enough to read, quiet enough not to shout. */
export default function Tag({ text, tone = 'neutral' }: { text: string; tone?: TagTone }) {
  return <Text className={`tag tag--${tone}`}>{text}</Text>
}
