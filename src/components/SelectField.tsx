import { Picker, View, Text } from '@tarojs/components'

export interface SelectOption {
  value: string
  label: string
}

interface SelectFieldProps {
  options: SelectOption[]
  value: string
  onChange: (value: string) => void
  placeholder?: string
}

/** A box that opens the platform's picker wheel; shows the chosen label (or the placeholder) large. */
export default function SelectField({ options, value, onChange, placeholder = '请选择' }: SelectFieldProps) {
  const index = options.findIndex((option) => option.value === value)
  return (
    <Picker
      mode='selector'
      range={options.map((option) => option.label)}
      value={index < 0 ? 0 : index}
      onChange={(event) => {
        const chosen = options[Number(event.detail.value)]
        if (chosen) onChange(chosen.value)
      }}
    >
      <View className='picker-box'>
        <Text className={index < 0 ? 'picker-box__text picker-box__text--empty' : 'picker-box__text'}>
          {index < 0 ? placeholder : options[index].label}
        </Text>
        <Text className='picker-box__arrow'>▾</Text>
      </View>
    </Picker>
  )
}
