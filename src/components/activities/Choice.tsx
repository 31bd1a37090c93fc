import { View, Text } from '@tarojs/components'

/** A big tappable option that toggles (items to enter, number of family members). */
export default function Choice({
  label,
  extra,
  on,
  onClick,
}: {
  label: string
  extra?: string
  on: boolean
  onClick: () => void
}) {
  return (
    <View className={on ? 'choice choice--on' : 'choice'} onClick={onClick}>
      <Text className='choice__mark'>{on ? '✓' : ''}</Text>
      <Text className='choice__text'>{label}</Text>
      {extra && <Text className='choice__extra'>{extra}</Text>}
    </View>
  )
}
