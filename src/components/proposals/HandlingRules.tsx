import Field from '@/components/Field'
import SwitchRow from '@/components/SwitchRow'
import TextInput from '@/components/TextInput'

export interface HandlingRulesValue {
  signOff: boolean
  /** As typed: empty or 0 means never. */
  autoCloseDays: string
}

/** The two handling rules of a 教代会 session, on both the new-session form and the edit page. */
export default function HandlingRules({
  value,
  onChange,
  errors,
}: {
  value: HandlingRulesValue
  onChange: (next: HandlingRulesValue) => void
  errors: Record<string, string>
}) {
  return (
    <>
      <SwitchRow
        label='答复须经提案工作委员会审核后再发给提案人'
        detail='打开后，部门的答复先由提案工作委员会审核，同意后才发给提案人'
        checked={value.signOff}
        onChange={(signOff) => onChange({ ...value, signOff })}
      />
      <Field
        label='答复后几天未评价视为满意'
        hint='到期未评价的提案按“满意”办结；填0或不填则不自动办结'
        error={errors.autoCloseDays}
      >
        <TextInput
          value={value.autoCloseDays}
          onChange={(autoCloseDays) => onChange({ ...value, autoCloseDays })}
          type='number'
          maxlength={2}
        />
      </Field>
    </>
  )
}

/** The rules as the session actions take them. */
export function handlingRulesInput(value: HandlingRulesValue): {
  replySignOff: 'none' | 'committee'
  autoCloseDays: number
} {
  const days = Number(value.autoCloseDays.trim() || '0')
  return { replySignOff: value.signOff ? 'committee' : 'none', autoCloseDays: Number.isFinite(days) ? days : -1 }
}
