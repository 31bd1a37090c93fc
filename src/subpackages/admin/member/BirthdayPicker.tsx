import { Picker, View, Text } from '@tarojs/components'

/**
 * We keep only month and day (the year is a separate, optional field for the chair), so the date picker is
 * pinned to the leap year 2000 — 02-29 stays choosable — and we keep the MM-DD part of its answer.
 */
const PICKER_YEAR = '2000'

interface BirthdayPickerProps {
  /** MM-DD or '' */
  value: string
  onChange: (monthDay: string) => void
}

export default function BirthdayPicker({ value, onChange }: BirthdayPickerProps) {
  return (
    <Picker
      mode='date'
      fields='day'
      start={`${PICKER_YEAR}-01-01`}
      end={`${PICKER_YEAR}-12-31`}
      value={`${PICKER_YEAR}-${value || '01-01'}`}
      onChange={(event) => onChange(String(event.detail.value).slice(5, 10))}
    >
      <View className='picker-box'>
        <Text className={value ? 'picker-box__text' : 'picker-box__text picker-box__text--empty'}>
          {value ? `${Number(value.slice(0, 2))}月${Number(value.slice(3, 5))}日（${value}）` : '请选择月和日'}
        </Text>
        <Text className='picker-box__arrow'>▾</Text>
      </View>
    </Picker>
  )
}
