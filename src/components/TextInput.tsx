import { Input } from '@tarojs/components'

interface TextInputProps {
  value: string
  onChange: (value: string) => void
  placeholder?: string
  type?: 'text' | 'number' | 'digit'
  maxlength?: number
  disabled?: boolean
}

/** A tall, high-contrast text box; always controlled by the page. */
export default function TextInput({
  value,
  onChange,
  placeholder,
  type = 'text',
  maxlength,
  disabled,
}: TextInputProps) {
  return (
    <Input
      className='text-input'
      value={value}
      type={type}
      maxlength={maxlength}
      disabled={disabled}
      placeholder={placeholder}
      placeholderClass='text-input__placeholder'
      onInput={(event) => onChange(event.detail.value)}
    />
  )
}
