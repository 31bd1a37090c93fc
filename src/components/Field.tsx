import { View, Text } from '@tarojs/components'
import type { ReactNode } from 'react'

interface FieldProps {
  label: string
  /** The server's message for this field (ApiError.fields[name]); shown in red right under the input. */
  error?: string
  /** A quiet line under the input, e.g. an example of the format. */
  hint?: string
  optional?: boolean
  children: ReactNode
}

/** One form row: label above, input, then the hint or the error under it. */
export default function Field({ label, error, hint, optional, children }: FieldProps) {
  return (
    <View className={error ? 'field field--error' : 'field'}>
      <Text className='field__label'>
        {label}
        {optional && <Text className='field__optional'>（可不填）</Text>}
      </Text>
      {children}
      {error ? <Text className='field__error'>{error}</Text> : hint && <Text className='field__hint'>{hint}</Text>}
    </View>
  )
}
