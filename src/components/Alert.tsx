import { Text } from '@tarojs/components'

export type AlertTone = 'error' | 'success' | 'info' | 'warning'

/** A whole-form message: the server's refusal under a form, a success line, or a plain note. */
export default function Alert({ text, tone = 'info' }: { text: string; tone?: AlertTone }) {
  return <Text className={`alert alert--${tone}`}>{text}</Text>
}
