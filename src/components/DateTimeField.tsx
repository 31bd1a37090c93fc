import { Picker, View, Text } from '@tarojs/components'
import { fromLocalInputs, toLocalInputs } from '@/core/shared/shanghai-time'
import { monthDayLabel } from '@/core/shared/shanghai-time'
import { serverNow } from '@/services/server-clock'
import { COMMON_TIMES, dateLabel, quickDays, type QuickDay } from './date-choices'

/**
 * The one field for picking a date, a date and time, or a birthday's month and day. Common answers are big
 * buttons (今天 / 明天 / 下周一, usual times); the platform's wheel opens from the box only for anything else.
 * On weapp the wheel is WeChat's native picker, which we cannot size; on H5 app.scss (via SelectField.scss)
 * enlarges Taro's own picker sheet.
 */
type DateTimeFieldProps = {
  /** What the wheel is for, e.g. 「开始日期」; shown as the wheel's title where WeChat supports it. */
  label?: string
  /** Big buttons for days; defaults to 今天、明天、下周一. An empty list shows none. */
  days?: QuickDay[]
  disabled?: boolean
  /** "Now", for the quick days; the page may pass the server's clock. */
  now?: Date
} & (
  | {
      mode?: 'datetime'
      /** An ISO instant; shown and picked in Shanghai time. */
      value: string
      onChange: (iso: string) => void
      /** Big buttons for times (HH:mm); defaults to COMMON_TIMES. */
      times?: string[]
    }
  | {
      mode: 'date'
      /** YYYY-MM-DD, or '' for none yet. */
      value: string
      onChange: (date: string) => void
      /** Offers a 「不设」 button that clears the date; the box then shows this text. */
      emptyText?: string
      start?: string
      end?: string
    }
  | {
      mode: 'monthDay'
      /** MM-DD, or '' for none yet. */
      value: string
      onChange: (monthDay: string) => void
    }
)

/** Month and day only: the wheel is pinned to the leap year 2000 so 02-29 stays choosable. */
const MONTH_DAY_YEAR = '2000'

export default function DateTimeField(props: DateTimeFieldProps) {
  const now = props.now ?? serverNow()
  const days = props.disabled ? [] : (props.days ?? quickDays(now))
  const header = props.label ? `请选择${props.label}` : undefined

  if (props.mode === 'monthDay') {
    const { value, onChange } = props
    return (
      <Picker
        mode='date'
        fields='day'
        headerText={header}
        disabled={props.disabled}
        start={`${MONTH_DAY_YEAR}-01-01`}
        end={`${MONTH_DAY_YEAR}-12-31`}
        value={`${MONTH_DAY_YEAR}-${value || '01-01'}`}
        onChange={(e) => onChange(String(e.detail.value).slice(5, 10))}
      >
        <WheelBox text={value ? monthDayLabel(value) : '请选择月和日'} empty={!value} disabled={props.disabled} />
      </Picker>
    )
  }

  if (props.mode === 'date') {
    const { value, onChange, emptyText } = props
    return (
      <View className='datetime'>
        <Chips
          choices={[
            ...days.map((d) => ({ key: d.date, label: d.label, on: d.date === value })),
            ...(emptyText !== undefined && !props.disabled ? [{ key: '', label: '不设', on: !value }] : []),
          ]}
          onPick={onChange}
        />
        <Picker
          mode='date'
          headerText={header}
          disabled={props.disabled}
          value={value || days[0]?.date || ''}
          start={props.start}
          end={props.end}
          onChange={(e) => onChange(String(e.detail.value))}
        >
          <WheelBox
            text={value ? dateLabel(value, now) : (emptyText ?? '请选择日期')}
            empty={!value}
            more='其他日期'
            disabled={props.disabled}
          />
        </Picker>
      </View>
    )
  }

  const { value, onChange } = props
  const { date, time } = toLocalInputs(value)
  const times = props.disabled ? [] : (props.times ?? COMMON_TIMES)
  return (
    <View className='datetime'>
      <Chips
        choices={days.map((d) => ({ key: d.date, label: d.label, on: d.date === date }))}
        onPick={(day) => onChange(fromLocalInputs(day, time))}
      />
      <Picker
        mode='date'
        headerText={header && `${header}（日期）`}
        disabled={props.disabled}
        value={date}
        onChange={(e) => onChange(fromLocalInputs(String(e.detail.value), time))}
      >
        <WheelBox text={dateLabel(date, now)} more='其他日期' disabled={props.disabled} />
      </Picker>
      <Chips
        choices={times.map((t) => ({ key: t, label: t, on: t === time }))}
        onPick={(t) => onChange(fromLocalInputs(date, t))}
      />
      <Picker
        mode='time'
        headerText={header && `${header}（时间）`}
        disabled={props.disabled}
        value={time}
        onChange={(e) => onChange(fromLocalInputs(date, String(e.detail.value)))}
      >
        <WheelBox text={time} more='其他时间' disabled={props.disabled} />
      </Picker>
    </View>
  )
}

/** A row of big buttons, three to a line; the one matching the value is filled. */
function Chips({
  choices,
  onPick,
}: {
  choices: { key: string; label: string; on: boolean }[]
  onPick: (key: string) => void
}) {
  if (choices.length === 0) return null
  return (
    <View className='datetime__chips'>
      {choices.map((c) => (
        <Text
          key={`${c.key}-${c.label}`}
          className={c.on ? 'datetime__chip datetime__chip--on' : 'datetime__chip'}
          onClick={() => onPick(c.key)}
        >
          {c.label}
        </Text>
      ))}
    </View>
  )
}

/** The box that opens the wheel: the chosen value large, and what a tap does. */
function WheelBox({
  text,
  empty,
  more,
  disabled,
}: {
  text: string
  empty?: boolean
  more?: string
  disabled?: boolean
}) {
  return (
    <View className={disabled ? 'picker-box picker-box--disabled' : 'picker-box'}>
      <Text className={empty ? 'picker-box__text picker-box__text--empty' : 'picker-box__text'}>{text}</Text>
      {!disabled && (
        <Text className='picker-box__arrow'>{more && <Text className='picker-box__more'>{more}</Text>}▾</Text>
      )}
    </View>
  )
}
