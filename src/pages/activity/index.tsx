import { Image, View, Text } from '@tarojs/components'
import Taro, { useRouter } from '@tarojs/taro'
import { useState } from 'react'
import type { ActivityDetail } from '@/core/activities/views'
import { AUDIENCE_LABELS, CANCEL_LABELS, SIGNUP_WINDOW_LABELS } from '@/core/activities/labels'
import { formatSpan, formatWhen } from '@/core/shared/shanghai-time'
import Alert from '@/components/Alert'
import BigButton from '@/components/BigButton'
import CaptainTeams from '@/components/activities/CaptainTeams'
import Choice from '@/components/activities/Choice'
import { activityIdFrom } from '@/components/activities/activity-id'
import { confirm } from '@/components/confirm'
import Field from '@/components/Field'
import LinkRow from '@/components/LinkRow'
import Loading from '@/components/Loading'
import Page from '@/components/Page'
import QueryView from '@/components/QueryView'
import Section from '@/components/Section'
import TextInput from '@/components/TextInput'
import { openPage, pageLink, ROUTES } from '@/components/routes'
import { toastSuccess } from '@/components/toast'
import { useAction } from '@/hooks/useAction'
import { usePullRefresh, useReloadOnReturn } from '@/hooks/usePullRefresh'
import { useQuery } from '@/hooks/useQuery'
import { useSession } from '@/hooks/useSession'
import { useShareActivity } from '@/hooks/useShareActivity'
import { call } from '@/services/api'
import { askSubscribe } from '@/services/subscribe'
import './index.scss'

/**
 * 活动详情: what a teacher sees after scanning the poster. Not bound yet → bind and come back here.
 * Bound → one tap to sign up (items first for a sports meet), seats left, waitlist place, cancel, 签到.
 */
export default function ActivityPage() {
  const { params } = useRouter()
  const id = activityIdFrom(params)
  const session = useSession()
  const here = pageLink(ROUTES.activity, { id: id })

  if (!id) {
    return (
      <Page title='活动'>
        <Alert tone='error' text='链接不完整，找不到这个活动' />
        <BigButton onClick={() => openPage(ROUTES.home)}>返回首页</BigButton>
      </Page>
    )
  }
  if (!session.whoami)
    return <Page>{session.error ? <Alert tone='error' text={session.error.message} /> : <Loading />}</Page>
  if (!session.whoami.signedIn || !session.whoami.bound) {
    const toBind = `${ROUTES.bind}?redirect=${encodeURIComponent(here)}`
    return (
      <Page title='活动报名'>
        <Alert tone='info' text='报名前请先绑定会员信息，绑定后会自动回到这个活动。' />
        {session.whoami.signedIn ? (
          <BigButton onClick={() => openPage(toBind)}>绑定会员信息</BigButton>
        ) : (
          process.env.TARO_ENV === 'h5' && (
            <BigButton onClick={() => openPage(`${ROUTES.devLogin}?redirect=${encodeURIComponent(here)}`)}>
              去登录（演示）
            </BigButton>
          )
        )}
      </Page>
    )
  }
  return <Detail id={id} initialCode={params.code ?? ''} myId={session.whoami.profile?.id ?? ''} />
}

function Detail({ id, initialCode, myId }: { id: string; initialCode: string; myId: string }) {
  const query = useQuery(() => call('activities.get', { activityId: id }), [id])
  usePullRefresh(query.reload)
  useReloadOnReturn(query.reload)
  useShareActivity(id, query.data)
  return (
    <Page>
      <QueryView query={query}>
        {(a) => <Body a={a} show={query.setData} initialCode={initialCode} myId={myId} />}
      </QueryView>
    </Page>
  )
}

function Body({
  a,
  show,
  initialCode,
  myId,
}: {
  a: ActivityDetail
  /** Shows the page a change answered with (报名, 取消, 签到 return it: no second call). */
  show: (a: ActivityDetail) => void
  initialCode: string
  myId: string
}) {
  const [itemIds, setItemIds] = useState<string[]>([])
  const [guests, setGuests] = useState(0)
  const [code, setCode] = useState(initialCode)
  const [note, setNote] = useState('')
  const signUp = useAction(() => call('activities.signUp', { activityId: a.id, itemIds, guests }))
  const cancel = useAction(() => call('activities.cancel', { activityId: a.id, reason: '' }))
  const checkIn = useAction((typed: string) => call('activities.checkIn', { activityId: a.id, code: typed }))

  const doSignUp = async () => {
    // WeChat shows the consent dialog only from a tap, so ask here, beside the sign-up itself.
    askSubscribe(['activity']).catch(() => undefined)
    const outcome = await signUp.run()
    if (!outcome.ok) return
    setNote(outcome.value.message)
    if (outcome.value.status === 'confirmed') toastSuccess('报名成功')
    show(outcome.value.activity)
  }
  const doCancel = async () => {
    const waiting = a.mine?.status === 'waitlisted'
    if (
      !(await confirm(
        waiting ? '退出候补' : '取消报名',
        waiting ? '确定退出候补吗？' : '确定取消报名吗？名额会让给候补的同事。',
      ))
    )
      return
    const outcome = await cancel.run()
    if (!outcome.ok) return
    setNote(outcome.value.message)
    show(outcome.value.activity)
  }
  const doCheckIn = async (typed: string) => {
    const outcome = await checkIn.run(typed)
    if (!outcome.ok) return
    toastSuccess('签到成功')
    setNote(outcome.value.message)
    show(outcome.value.activity)
  }
  const scan = async () => {
    const result = await Taro.scanCode({ onlyFromCamera: true })
    const found = /(\d{6})/.exec(result.result)
    if (found) {
      setCode(found[1])
      await doCheckIn(found[1])
    }
  }

  const mine = a.mine && a.mine.status !== 'cancelled' && a.mine.status !== 'rejected' ? a.mine : undefined
  const toggle = (itemId: string) =>
    setItemIds((now) => (now.includes(itemId) ? now.filter((x) => x !== itemId) : [...now, itemId]))
  const captainTeams = a.team.mode === 'captain'
  const seats =
    a.seatsLeft === null
      ? captainTeams
        ? '不限队伍数'
        : '不限名额'
      : captainTeams
        ? `最多${a.quota}支队伍，还可组建${a.seatsLeft}支`
        : `共${a.quota}个名额，剩余${a.seatsLeft}个`
  const cancelled = a.phase === 'cancelled'
  // The server says when check-in is open (from 1 hour before the start until the end).
  const canCheckIn = !cancelled && mine?.canCheckIn === true
  const error = signUp.error ?? cancel.error

  return (
    <View>
      <Section>
        {a.coverUrl && <Image className='activity__cover' src={a.coverUrl} mode='aspectFill' />}
        <Text className='activity__title'>{a.title}</Text>
        <View className='activity__facts'>
          <Text className='activity__fact'>
            <Text className='activity__label'>时间：</Text>
            {formatSpan(a.startAt, a.endAt)}
          </Text>
          <Text className='activity__fact'>
            <Text className='activity__label'>地点：</Text>
            {a.place}
          </Text>
          <Text className='activity__fact'>
            <Text className='activity__label'>对象：</Text>
            {AUDIENCE_LABELS[a.audience.kind]}
          </Text>
          <Text className='activity__fact'>
            <Text className='activity__label'>名额：</Text>
            {seats}
            {a.waitlistCount > 0 ? `，${a.waitlistCount}人候补` : ''}
          </Text>
          <Text className='activity__fact'>
            <Text className='activity__label'>报名截止：</Text>
            {formatWhen(a.signupCloseAt)}（{SIGNUP_WINDOW_LABELS[a.phase]}）
          </Text>
          <Text className='activity__fact'>
            <Text className='activity__label'>取消：</Text>
            {CANCEL_LABELS[a.cancelPolicy]}
          </Text>
        </View>
        {a.description && <Text className='activity__desc'>{a.description}</Text>}
      </Section>

      {cancelled && (
        <Alert
          tone='error'
          text={`活动已取消${a.cancelReason ? `：${a.cancelReason}` : ''}。报名记录保留，无需再做什么。`}
        />
      )}
      {note && <Alert tone='success' text={note} />}
      {error && <Alert tone='error' text={error.message} />}

      {captainTeams && <CaptainTeams a={a} myId={myId} show={show} />}
      {mine ? (
        <Section title='我的报名'>
          {mine.status === 'waitlisted' ? (
            <Text className='activity__status activity__status--wait'>候补第{mine.position}位</Text>
          ) : mine.status === 'applied' ? (
            <Text className='activity__status activity__status--wait'>已提交，等待审核</Text>
          ) : (
            <Text className={cancelled ? 'activity__status activity__status--wait' : 'activity__status'}>
              {cancelled
                ? '已报名（活动已取消）'
                : mine.checkedInAt
                  ? `已签到（${formatWhen(mine.checkedInAt)}）`
                  : '已报名'}
            </Text>
          )}
          {mine.itemIds.length > 0 && (
            <Text className='activity__fact'>
              项目：{mine.itemIds.map((i) => a.items.find((x) => x.id === i)?.name).join('、')}
            </Text>
          )}
          {mine.guests > 0 && <Text className='activity__fact'>同行家属：{mine.guests}人</Text>}
          {!cancelled && mine.status === 'confirmed' && !mine.checkedInAt && !canCheckIn && a.phase !== 'ended' && (
            <Text className='activity__fact'>活动开始前1小时起，可在这里签到</Text>
          )}
          {canCheckIn && (
            <View>
              <Field label='现场签到：输入大屏上的6位签到码' error={checkIn.fieldErrors.code ?? checkIn.error?.message}>
                <TextInput value={code} onChange={setCode} type='number' maxlength={6} placeholder='签到码' />
              </Field>
              <BigButton loading={checkIn.running} disabled={code.length !== 6} onClick={() => void doCheckIn(code)}>
                签到
              </BigButton>
              {process.env.TARO_ENV === 'weapp' && (
                <BigButton tone='secondary' onClick={() => void scan()}>
                  扫码签到
                </BigButton>
              )}
            </View>
          )}
          {mine.canCancel && !cancelled && (
            <BigButton tone='danger' loading={cancel.running} onClick={() => void doCancel()}>
              {mine.status === 'waitlisted' ? '退出候补' : '取消报名'}
            </BigButton>
          )}
        </Section>
      ) : a.blockedReason ? (
        !cancelled && <Alert tone='info' text={a.blockedReason} />
      ) : captainTeams ? null : (
        <Section title='报名'>
          {a.items.length > 0 && (
            <View>
              <Text className='activity__fact'>请选择项目（每人最多{a.itemCap}项）：</Text>
              {a.items.map((item) => (
                <Choice
                  key={item.id}
                  label={`${item.name}${item.gender === 'F' ? '（女）' : item.gender === 'M' ? '（男）' : ''}`}
                  extra={item.quota > 0 ? `剩${Math.max(0, item.quota - item.taken)}` : '不限'}
                  on={itemIds.includes(item.id)}
                  onClick={() => toggle(item.id)}
                />
              ))}
            </View>
          )}
          {a.maxGuests > 0 && (
            <View>
              <Text className='activity__fact'>同行家属（计入名额）：</Text>
              {Array.from({ length: a.maxGuests + 1 }, (_, n) => (
                <Choice
                  key={n}
                  label={n === 0 ? '不带家属' : `带${n}位家属`}
                  on={guests === n}
                  onClick={() => setGuests(n)}
                />
              ))}
            </View>
          )}
          <BigButton
            loading={signUp.running}
            disabled={a.items.length > 0 && itemIds.length === 0}
            onClick={() => void doSignUp()}
          >
            {a.seatsLeft === 0 ? '名额已满，加入候补' : a.needsApproval ? '提交报名' : '我要报名'}
          </BigButton>
        </Section>
      )}

      <Section>
        {(a.rosterPublic || a.canManage) && (
          <LinkRow
            title='报名名单'
            detail={`已报名${a.confirmedCount}人`}
            onClick={() => openPage(pageLink(ROUTES.activityRoster, { id: a.id }))}
          />
        )}
        {(a.phase === 'ongoing' || a.phase === 'ended' || a.canManage) && (
          <LinkRow title='成绩排名' onClick={() => openPage(pageLink(ROUTES.activityResults, { id: a.id }))} />
        )}
        {a.canSignUpOthers && a.phase === 'open' && (
          <LinkRow
            title='代小组成员报名'
            detail='为没有智能手机的同事报名'
            onClick={() => openPage(pageLink(ROUTES.activityProxy, { id: a.id }))}
          />
        )}
        {a.canManage && !cancelled && (
          <View>
            <LinkRow
              title='修改活动'
              detail='也可在这里取消整个活动'
              onClick={() => openPage(pageLink(ROUTES.activityEdit, { id: a.id }))}
            />
            <LinkRow
              title='现场签到码'
              detail='在大屏或手机上展示'
              onClick={() => openPage(pageLink(ROUTES.activityCheckin, { id: a.id }))}
            />
            <LinkRow
              title='二维码海报'
              detail='打印张贴，扫码即可报名'
              onClick={() => openPage(pageLink(ROUTES.activityPoster, { id: a.id }))}
            />
          </View>
        )}
        <LinkRow title='全部活动' onClick={() => openPage(ROUTES.activities)} />
      </Section>
    </View>
  )
}
