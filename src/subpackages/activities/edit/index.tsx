import { View, Text } from '@tarojs/components'
import Taro, { useRouter } from '@tarojs/taro'
import { useEffect, useState } from 'react'
import type { ActionInput } from '@/core/contract'
import type { ActivityDetail } from '@/core/activities/views'
import { AUDIENCE_LABELS, CANCEL_LABELS } from '@/core/activities/labels'
import Alert from '@/components/Alert'
import BigButton from '@/components/BigButton'
import DateTimeField from '@/components/DateTimeField'
import { confirm } from '@/components/confirm'
import Field from '@/components/Field'
import Loading from '@/components/Loading'
import Page from '@/components/Page'
import Section from '@/components/Section'
import SelectField from '@/components/SelectField'
import SwitchRow from '@/components/SwitchRow'
import TextInput from '@/components/TextInput'
import { pageLink, replacePage, ROUTES } from '@/components/routes'
import { toastSuccess } from '@/components/toast'
import { useAction } from '@/hooks/useAction'
import { useQuery } from '@/hooks/useQuery'
import { call } from '@/services/api'
import { serverNow } from '@/services/server-clock'
import CoverEditor, { type CoverChoice } from './CoverEditor'
import { closeDays, defaultTimes, endDays, endTimes, withStart } from './times'
import './index.scss'

type Form = ActionInput<'activities.create'>
type Kind = 'plain' | 'meet' | 'team' | 'captain'
type ItemRow = { id?: string; name: string; quota: string; gender: 'any' | 'F' | 'M'; taken: number }

const AUDIENCES = Object.entries(AUDIENCE_LABELS).map(([value, label]) => ({ value, label }))
const POLICIES = Object.entries(CANCEL_LABELS).map(([value, label]) => ({ value, label }))
const GENDERS = [
  { value: 'any', label: '男女不限' },
  { value: 'F', label: '限女教职工' },
  { value: 'M', label: '限男教职工' },
]
const KINDS = [
  { value: 'plain', label: '普通活动（按人数报名）' },
  { value: 'meet', label: '运动会（分项目报名）' },
  { value: 'team', label: '团体赛（每个工会小组一队）' },
  { value: 'captain', label: '团体赛（自由组队，队长建队）' },
]

/** Tomorrow 15:00–17:00 Shanghai, sign-up from now until tomorrow noon: most forms need only a title and place. */
function defaults(): Form {
  return {
    title: '',
    description: '',
    ...defaultTimes(serverNow()),
    place: '',
    audience: 'all',
    quota: 0,
    cancelPolicy: 'anytime',
    needsApproval: false,
    rosterPublic: true,
    maxGuests: 0,
  }
}

/** 发起活动 / 修改活动: the chair's one form, with sections that appear for sports meets and team events. */
export default function EditActivity() {
  const id = useRouter().params.id
  // One page for both: the bar says which, as the heading does.
  useEffect(() => {
    if (id) void Taro.setNavigationBarTitle({ title: '修改活动' })
  }, [id])
  const existing = useQuery<ActivityDetail | null>(
    () => (id ? call('activities.get', { activityId: id }) : Promise.resolve(null)),
    [id],
  )
  if (existing.data === undefined)
    return <Page>{existing.error ? <Alert tone='error' text={existing.error.message} /> : <Loading />}</Page>
  return <EditForm existing={existing.data} />
}

function EditForm({ existing }: { existing: ActivityDetail | null }) {
  const [form, setForm] = useState<Form>(() => (existing ? fromDetail(existing) : defaults()))
  const [now] = useState(() => serverNow())
  const [quota, setQuota] = useState(existing ? String(existing.quota) : '')
  const [kind, setKind] = useState<Kind>(
    existing
      ? existing.items.length > 0
        ? 'meet'
        : existing.team.mode === 'byGroup'
          ? 'team'
          : existing.team.mode === 'captain'
            ? 'captain'
            : 'plain'
      : 'plain',
  )
  const [items, setItems] = useState<ItemRow[]>(
    existing
      ? existing.items.map((i) => ({
          id: i.id,
          name: i.name,
          quota: String(i.quota),
          gender: i.gender,
          taken: i.taken,
        }))
      : [],
  )
  const [itemCap, setItemCap] = useState(existing?.itemCap ? String(existing.itemCap) : '2')
  const [team, setTeam] = useState({
    min: String(existing?.team.sizeMin ?? 8),
    max: String(existing?.team.sizeMax ?? 10),
    women: String(existing?.team.minWomen ?? 0),
  })
  const [points, setPoints] = useState(existing?.points.join(',') ?? '')
  const [cover, setCover] = useState<CoverChoice | null>(
    existing?.coverFileId && existing.coverUrl ? { id: existing.coverFileId, url: existing.coverUrl } : null,
  )
  const groups = useQuery(() => call('groups.list', {}), [])
  const teamKind = kind === 'team' || kind === 'captain'
  const set = <K extends keyof Form>(key: K, value: Form[K]) => setForm((f) => ({ ...f, [key]: value }))
  // Left out of the form until the chair changes it, so saving keeps the cover as it is; '' takes it off.
  const changeCover = (next: CoverChoice | null) => {
    setCover(next)
    set('coverFileId', next ? next.id : '')
  }

  useEffect(() => {
    if (kind === 'meet' || kind === 'team') setQuota('0')
  }, [kind])

  const save = useAction(async () => {
    const input: Form = {
      ...form,
      quota: Number(quota || 0),
      items:
        kind === 'meet'
          ? items.map((i) => ({
              ...(i.id ? { id: i.id } : {}),
              name: i.name,
              quota: Number(i.quota || 0),
              gender: i.gender,
            }))
          : [],
      itemCap: kind === 'meet' ? Number(itemCap || 0) : 0,
      teamMode: kind === 'team' ? 'byGroup' : kind === 'captain' ? 'captain' : 'none',
      teamSizeMin: teamKind ? Number(team.min || 0) : 0,
      teamSizeMax: teamKind ? Number(team.max || 0) : 0,
      teamMinWomen: teamKind ? Number(team.women || 0) : 0,
      points: points
        .split(/[,，\s]+/)
        .filter(Boolean)
        .map(Number),
      maxGuests: kind === 'plain' ? form.maxGuests : 0,
    }
    return existing
      ? call('activities.update', { activityId: existing.id, ...input })
      : call('activities.create', input)
  })
  const submit = async () => {
    const outcome = await save.run()
    if (!outcome.ok) return
    toastSuccess(existing ? '已保存' : '已发布')
    replacePage(pageLink(ROUTES.activity, { id: outcome.value.id }))
  }
  const errors = save.fieldErrors

  return (
    <Page
      title={existing ? '修改活动' : '发起活动'}
      intro={existing ? '已报名的同事会收到时间、地点变更的通知。' : '填好后发布，再打印二维码海报张贴。'}
    >
      <Section title='基本信息'>
        <Field label='活动名称' error={errors.title}>
          <TextInput
            value={form.title}
            onChange={(v) => set('title', v)}
            placeholder='例如：教职工乒乓球赛'
            maxlength={40}
          />
        </Field>
        <Field label='地点' error={errors.place}>
          <TextInput
            value={form.place}
            onChange={(v) => set('place', v)}
            placeholder='例如：学校体育馆'
            maxlength={60}
          />
        </Field>
        <Field
          label='开始时间'
          hint={existing ? '您改开始时间，结束时间会一起调整' : '您改开始时间，结束时间和报名截止会一起调整'}
          error={errors.startAt}
        >
          <DateTimeField
            label='开始时间'
            value={form.startAt}
            onChange={(v) => setForm((f) => withStart(f, v, !existing))}
          />
        </Field>
        <Field label='结束时间' error={errors.endAt}>
          <DateTimeField
            label='结束时间'
            days={endDays(form.startAt, now)}
            times={endTimes(form.startAt)}
            value={form.endAt}
            onChange={(v) => set('endAt', v)}
          />
        </Field>
        <Field label='活动说明' optional error={errors.description}>
          <TextInput
            value={form.description ?? ''}
            onChange={(v) => set('description', v)}
            placeholder='规则、注意事项'
            maxlength={2000}
          />
        </Field>
        <Field label='封面' optional hint='jpg或png图片，不超过2MB，显示在活动页和列表里' error={errors.coverFileId}>
          <CoverEditor cover={cover} onChange={changeCover} />
        </Field>
      </Section>

      <Section title='报名'>
        <Field
          label='报名开始'
          hint={existing ? undefined : '您不用改：发布后大家马上就能报名'}
          error={errors.signupOpenAt}
        >
          <DateTimeField label='报名开始时间' value={form.signupOpenAt} onChange={(v) => set('signupOpenAt', v)} />
        </Field>
        <Field label='报名截止' hint='不能晚于活动开始' error={errors.signupCloseAt}>
          <DateTimeField
            label='报名截止时间'
            days={closeDays(form.startAt, now)}
            value={form.signupCloseAt}
            onChange={(v) => set('signupCloseAt', v)}
          />
        </Field>
        <Field label='参加对象' error={errors.audience ?? errors.audienceGroupId}>
          <SelectField
            options={AUDIENCES}
            value={form.audience}
            onChange={(v) => set('audience', v as Form['audience'])}
          />
        </Field>
        {form.audience === 'group' && (
          <Field label='哪个工会小组' error={errors.audienceGroupId}>
            <SelectField
              options={(groups.data ?? []).map((g) => ({ value: g.id, label: g.name }))}
              value={form.audienceGroupId ?? ''}
              onChange={(v) => set('audienceGroupId', v)}
            />
          </Field>
        )}
        <Field label='活动类型' error={errors.teamMode}>
          <SelectField options={KINDS} value={kind} onChange={(v) => setKind(v as Kind)} />
        </Field>
        {kind === 'plain' && (
          <Field label='名额' hint='填0表示不限名额；满了自动进入候补' error={errors.quota}>
            <TextInput value={quota} onChange={setQuota} type='number' placeholder='例如：30' maxlength={4} />
          </Field>
        )}
        {kind === 'captain' && (
          <Field label='最多几支队伍' hint='填0表示不限；老师自己组队，组建的人当队长' error={errors.quota}>
            <TextInput value={quota} onChange={setQuota} type='number' placeholder='例如：8' maxlength={4} />
          </Field>
        )}
        {kind === 'plain' && (
          <Field label='每人可带家属' hint='家属计入名额（登山、外出活动）' error={errors.maxGuests}>
            <SelectField
              options={[0, 1, 2, 3].map((n) => ({ value: String(n), label: n === 0 ? '不可带家属' : `最多${n}位` }))}
              value={String(form.maxGuests ?? 0)}
              onChange={(v) => set('maxGuests', Number(v))}
            />
          </Field>
        )}
        <Field label='取消规则' error={errors.cancelPolicy}>
          <SelectField
            options={POLICIES}
            value={form.cancelPolicy}
            onChange={(v) => set('cancelPolicy', v as Form['cancelPolicy'])}
          />
        </Field>
        <SwitchRow
          label='报名需要审核'
          detail='适合选拔参加区里比赛'
          checked={form.needsApproval}
          onChange={(v) => set('needsApproval', v)}
        />
        <SwitchRow
          label='名单对全体公开'
          detail='关闭后只有工会主席能看到名单'
          checked={form.rosterPublic}
          onChange={(v) => set('rosterPublic', v)}
        />
      </Section>

      {kind === 'meet' && (
        <Section title='比赛项目'>
          {items.map((item, i) => (
            <View key={item.id ?? `new-${i}`} className='item-editor'>
              <Field label={`项目${i + 1}名称`}>
                <TextInput
                  value={item.name}
                  onChange={(v) => setItems((all) => all.map((x, j) => (j === i ? { ...x, name: v } : x)))}
                  placeholder='例如：跳绳'
                  maxlength={20}
                />
              </Field>
              <Field label='名额（0为不限）'>
                <TextInput
                  value={item.quota}
                  onChange={(v) => setItems((all) => all.map((x, j) => (j === i ? { ...x, quota: v } : x)))}
                  type='number'
                  maxlength={4}
                />
              </Field>
              <SelectField
                options={GENDERS}
                value={item.gender}
                onChange={(v) =>
                  setItems((all) => all.map((x, j) => (j === i ? { ...x, gender: v as ItemRow['gender'] } : x)))
                }
              />
              {item.taken === 0 ? (
                <BigButton tone='secondary' onClick={() => setItems((all) => all.filter((_, j) => j !== i))}>
                  删除这个项目
                </BigButton>
              ) : (
                <Text className='activity__desc'>已有{item.taken}人报名，不能删除</Text>
              )}
            </View>
          ))}
          {errors.items && <Alert tone='error' text={errors.items} />}
          <BigButton
            tone='secondary'
            onClick={() => setItems((all) => [...all, { name: '', quota: '0', gender: 'any', taken: 0 }])}
          >
            添加项目
          </BigButton>
          <Field label='每人最多报几项' error={errors.itemCap}>
            <TextInput value={itemCap} onChange={setItemCap} type='number' maxlength={2} />
          </Field>
        </Section>
      )}

      {teamKind && (
        <Section title='组队'>
          <Field label='每队最少人数' error={errors.teamSizeMin}>
            <TextInput
              value={team.min}
              onChange={(v) => setTeam((t) => ({ ...t, min: v }))}
              type='number'
              maxlength={3}
            />
          </Field>
          <Field label='每队最多人数' error={errors.teamSizeMax}>
            <TextInput
              value={team.max}
              onChange={(v) => setTeam((t) => ({ ...t, max: v }))}
              type='number'
              maxlength={3}
            />
          </Field>
          <Field label='每队至少几名女教师' hint='0表示不限' error={errors.teamMinWomen}>
            <TextInput
              value={team.women}
              onChange={(v) => setTeam((t) => ({ ...t, women: v }))}
              type='number'
              maxlength={3}
            />
          </Field>
        </Section>
      )}

      {kind !== 'plain' && (
        <Section title='小组积分'>
          <Field label='各名次积分' optional hint='用逗号隔开，例如 7,5,4,3,2,1；不计积分可不填' error={errors.points}>
            <TextInput value={points} onChange={setPoints} placeholder='7,5,4,3,2,1' maxlength={60} />
          </Field>
        </Section>
      )}

      {save.error && <Alert tone='error' text={save.error.message} />}
      <BigButton loading={save.running} onClick={() => void submit()}>
        {existing ? '保存修改' : '发布活动'}
      </BigButton>
      {existing && existing.phase !== 'ended' && existing.phase !== 'cancelled' && (
        <CancelActivity activityId={existing.id} />
      )}
    </Page>
  )
}

/** 取消整个活动 (因雨取消): a reason, one confirm; everyone signed up or waiting is told, nothing is deleted. */
function CancelActivity({ activityId }: { activityId: string }) {
  const [reason, setReason] = useState('')
  const cancel = useAction(() => call('activities.cancelActivity', { activityId, reason }))
  const submit = async () => {
    if (!(await confirm('取消整个活动', `确定取消这个活动吗？已报名和候补的同事都会收到通知。原因：${reason}`))) return
    const outcome = await cancel.run()
    if (!outcome.ok) return
    toastSuccess('活动已取消')
    replacePage(pageLink(ROUTES.activity, { id: activityId }))
  }
  return (
    <Section title='取消整个活动'>
      <Field label='取消原因' hint='会告诉每一位报名的同事，例如：因雨取消' error={cancel.fieldErrors.reason}>
        <TextInput value={reason} onChange={setReason} placeholder='例如：因雨取消' maxlength={100} />
      </Field>
      {cancel.error && <Alert tone='error' text={cancel.error.message} />}
      <BigButton
        tone='danger'
        loading={cancel.running}
        disabled={reason.trim().length < 2}
        onClick={() => void submit()}
      >
        取消整个活动
      </BigButton>
    </Section>
  )
}

function fromDetail(a: ActivityDetail): Form {
  return {
    title: a.title,
    description: a.description,
    startAt: a.startAt,
    endAt: a.endAt,
    place: a.place,
    signupOpenAt: a.signupOpenAt,
    signupCloseAt: a.signupCloseAt,
    audience: a.audience.kind,
    ...(a.audience.groupId ? { audienceGroupId: a.audience.groupId } : {}),
    quota: a.quota,
    cancelPolicy: a.cancelPolicy,
    needsApproval: a.needsApproval,
    rosterPublic: a.rosterPublic,
    maxGuests: a.maxGuests,
  }
}
