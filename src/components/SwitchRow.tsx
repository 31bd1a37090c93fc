import { View, Text, Switch } from '@tarojs/components'

interface SwitchRowProps {
  label: string
  /** Says what turning it on does, in one short sentence. */
  detail?: string
  checked: boolean
  disabled?: boolean
  onChange: (checked: boolean) => void
}

/** A yes/no setting: the label is big, the switch is at the right where a thumb reaches it. */
export default function SwitchRow({ label, detail, checked, disabled, onChange }: SwitchRowProps) {
  return (
    <View className='switch-row'>
      <View className='switch-row__text'>
        <Text className='switch-row__label'>{label}</Text>
        {detail && <Text className='switch-row__detail'>{detail}</Text>}
      </View>
      <Switch
        className='switch-row__switch'
        checked={checked}
        disabled={disabled}
        color='#b03a2e'
        onChange={(event) => onChange(event.detail.value)}
      />
    </View>
  )
}
