import { View, Text } from '@tarojs/components'

export interface Choice<T extends string> {
  value: T
  label: string
}

interface ChoiceChipsProps<T extends string> {
  choices: readonly Choice<T>[]
  /** One value, or several when `multiple`. */
  value: T | readonly T[]
  onChange: (value: T) => void
}

/**
 * Big tappable choices in a wrapping row: easier than a picker wheel for a handful of options, and every
 * option is visible at once. With an array value each tap toggles one.
 */
export default function ChoiceChips<T extends string>({ choices, value, onChange }: ChoiceChipsProps<T>) {
  const chosen = (v: T) => (Array.isArray(value) ? value.includes(v) : value === v)
  return (
    <View className='chips'>
      {choices.map((c) => (
        <View
          key={c.value}
          className={chosen(c.value) ? 'chips__item chips__item--on' : 'chips__item'}
          onClick={() => onChange(c.value)}
        >
          <Text>{c.label}</Text>
        </View>
      ))}
    </View>
  )
}

export const toChoices = (values: readonly string[]): Choice<string>[] => values.map((v) => ({ value: v, label: v }))
