import { Picker, View, Text } from '@tarojs/components'
import { fromLocalInputs, toLocalInputs } from '@/core/activities/time'

/** A date wheel and a time wheel side by side; value and onChange are ISO instants (Shanghai time shown). */
export default function DateTimeField({ value, onChange }: { value: string; onChange: (iso: string) => void }) {
  const { date, time } = toLocalInputs(value)
  return (
    <View className='datetime'>
      <Picker mode='date' value={date} onChange={(e) => onChange(fromLocalInputs(String(e.detail.value), time))}>
        <View className='picker-box datetime__date'>
          <Text className='picker-box__text'>{date}</Text>
        </View>
      </Picker>
      <Picker mode='time' value={time} onChange={(e) => onChange(fromLocalInputs(date, String(e.detail.value)))}>
        <View className='picker-box datetime__time'>
          <Text className='picker-box__text'>{time}</Text>
        </View>
      </Picker>
    </View>
  )
}
