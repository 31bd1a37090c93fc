import DateTimeField from '@/components/DateTimeField'

interface BirthdayPickerProps {
  /** MM-DD or '' */
  value: string
  onChange: (monthDay: string) => void
}

/** Month and day only: the year is a separate, optional field for the chair. */
export default function BirthdayPicker({ value, onChange }: BirthdayPickerProps) {
  return <DateTimeField mode='monthDay' label='生日' value={value} onChange={onChange} />
}
