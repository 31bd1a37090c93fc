import { Textarea, Text, View } from '@tarojs/components'

interface LongTextProps {
  value: string
  onChange: (value: string) => void
  placeholder?: string
  maxlength: number
  /** Shows 「已写 n 字，至少 min 字」 under the box. */
  min?: number
}

/** A tall text box for 情况说明, 答复 and the like, with a running character count. */
export default function LongText({ value, onChange, placeholder, maxlength, min }: LongTextProps) {
  const length = Array.from(value.trim()).length
  return (
    <View>
      <Textarea
        className='long-text'
        value={value}
        maxlength={maxlength}
        placeholder={placeholder}
        placeholderClass='long-text__placeholder'
        autoHeight={false}
        onInput={(event) => onChange(event.detail.value)}
      />
      <Text className={min && length < min ? 'long-text__count long-text__count--short' : 'long-text__count'}>
        已写{length}字{min ? `，至少${min}字` : ''}，最多{maxlength}字
      </Text>
    </View>
  )
}
