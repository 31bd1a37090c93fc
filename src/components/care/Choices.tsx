import { View, Text } from '@tarojs/components'

export interface Choice<T extends string> {
  value: T
  label: string
}

/** A row of big segmented buttons (本周 / 本月 / 三个月): one tap, no picker wheel. */
export default function Choices<T extends string>({
  choices,
  value,
  onChange,
  wrap,
}: {
  choices: Choice<T>[]
  value: T
  onChange: (v: T) => void
  /** Lay out as a grid of big buttons, three to a row, for longer lists. */
  wrap?: boolean
}) {
  return (
    <View className={wrap ? 'care-choices care-choices--wrap' : 'care-choices'}>
      {choices.map((c) => (
        <Text
          key={c.value}
          className={c.value === value ? 'care-choices__item care-choices__item--active' : 'care-choices__item'}
          onClick={() => onChange(c.value)}
        >
          {c.label}
        </Text>
      ))}
    </View>
  )
}
