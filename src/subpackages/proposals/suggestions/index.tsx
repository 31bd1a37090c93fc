import { Text, View } from '@tarojs/components'
import Taro from '@tarojs/taro'
import { useState } from 'react'
import { KEPT_MAX } from '@/core/suggestions/contract'
import type { DelegateOption, SessionView } from '@/core/proposals/views'
import type { SuggestionPage, SuggestionView } from '@/core/suggestions/views'
import Alert from '@/components/Alert'
import BigButton from '@/components/BigButton'
import Empty from '@/components/Empty'
import Field from '@/components/Field'
import Page from '@/components/Page'
import QueryView from '@/components/QueryView'
import Section from '@/components/Section'
import SwitchRow from '@/components/SwitchRow'
import Tag from '@/components/Tag'
import TextInput from '@/components/TextInput'
import { openPage, pageLink, ROUTES } from '@/components/routes'
import { confirm } from '@/components/confirm'
import { toastSuccess } from '@/components/toast'
import ChoiceChips from '@/components/proposals/ChoiceChips'
import LongText from '@/components/proposals/LongText'
import { useAction } from '@/hooks/useAction'
import { usePullRefresh } from '@/hooks/usePullRefresh'
import { usePages } from '@/hooks/usePages'
import { useQuery } from '@/hooks/useQuery'
import { useCan } from '@/hooks/useCan'
import { useSession } from '@/hooks/useSession'
import { call } from '@/services/api'
import { adoptedLine, answeredPart, convertWarning, readKept, withKept } from './own'
import './index.scss'

/** Per member: two people signing in on one phone (the H5 demo) keep their own. */
const keptKey = (memberId: string) => `suggestions.kept.${memberId}`

function keptOf(memberId: string | undefined): string[] {
  if (!memberId) return []
  try {
    return readKept(Taro.getStorageSync(keptKey(memberId)))
  } catch {
    return []
  }
}

function keep(memberId: string | undefined, id: string): void {
  if (!memberId) return
  try {
    Taro.setStorageSync(keptKey(memberId), withKept(keptOf(memberId), id, KEPT_MAX))
  } catch {
    // Storage full or unavailable: the suggestion is sent all the same, only this phone will not list it.
  }
}

function NewSuggestion({ onSaved, memberId }: { onSaved: () => void; memberId?: string }) {
  const [title, setTitle] = useState('')
  const [content, setContent] = useState('')
  const [anonymous, setAnonymous] = useState(true)
  const submit = useAction(() => call('suggestions.submit', { title, content, anonymous }))
  const send = async () => {
    const outcome = await submit.run()
    if (outcome.ok) {
      // Only this phone can later say the anonymous one is the member's own.
      if (outcome.value.anonymous) keep(memberId, outcome.value.id)
      toastSuccess('已提交')
      setTitle('')
      setContent('')
      onSaved()
    }
  }
  return (
    <Section title='提一条建议'>
      <Field label='标题' error={submit.fieldErrors.title}>
        <TextInput value={title} onChange={setTitle} placeholder='一句话说清楚' maxlength={40} />
      </Field>
      <Field label='建议内容' error={submit.fieldErrors.content}>
        <LongText value={content} onChange={setContent} maxlength={1000} min={10} />
      </Field>
      <SwitchRow
        label='匿名提交'
        detail={
          anonymous
            ? '不记录您的姓名，任何人（包括工会主席）都无法查到是谁提的，也无法联系您。只有这部手机会在「我的建议」里列出它'
            : '提案委员会能看到您的姓名，答复后会通知您'
        }
        checked={anonymous}
        onChange={setAnonymous}
      />
      {submit.error && <Alert tone='error' text={submit.error.message} />}
      <BigButton disabled={!title.trim() || !content.trim()} loading={submit.running} onClick={() => void send()}>
        提交建议
      </BigButton>
    </Section>
  )
}

/** Marks the caller among the delegates offered (they are left out of the server's list of others). */
const SELF = '__self'

/** What the committee's tools offer on every waiting suggestion: read once for the page, not per suggestion. */
interface Choices {
  delegates: DelegateOption[]
  /** The session collecting proposals now or next, that an adopted suggestion becomes a draft of. */
  open?: SessionView
}

async function loadChoices(): Promise<Choices> {
  const [delegates, sessions] = await Promise.all([call('proposals.delegates', {}), call('proposals.sessions', {})])
  return { delegates, open: sessions.find((x) => x.phase !== 'closed') }
}

function CommitteeTools({ s, choices, onDone }: { s: SuggestionView; choices?: Choices; onDone: () => void }) {
  const [answer, setAnswer] = useState('')
  const [delegate, setDelegate] = useState('')
  const open = choices?.open
  const delegates = choices?.delegates ?? []
  const delegateName = delegates.find((d) => d.id === delegate)?.name ?? ''
  const warning = convertWarning(s, delegateName || '领办')
  const reply = useAction(() => call('suggestions.answer', { suggestionId: s.id, answer }))
  const convert = useAction(() =>
    call('suggestions.convert', { suggestionId: s.id, delegateId: delegate, sessionId: open?.id ?? '' }),
  )
  const adopt = async () => {
    if (warning && !(await confirm('匿名建议转为提案', warning, '继续转为草稿'))) return
    const outcome = await convert.run()
    if (!outcome.ok) return
    // A draft is its delegate's alone: they open it from their message; whoever else converted stays here.
    if (outcome.value.can.edit) openPage(pageLink(ROUTES.proposalEdit, { id: outcome.value.id }))
    else {
      toastSuccess(`已请${delegateName}代表领办`)
      onDone()
    }
  }
  return (
    <View>
      <Field label='公开答复' error={reply.fieldErrors.answer ?? reply.error?.message}>
        <LongText value={answer} onChange={setAnswer} maxlength={1000} min={5} />
      </Field>
      <BigButton
        tone='secondary'
        disabled={!answer.trim()}
        loading={reply.running}
        onClick={() => void reply.run().then((o) => o.ok && onDone())}
      >
        公开答复
      </BigButton>
      {open && (
        <Field label={`或转为提案：请一位代表领办（${open.name}）`} error={convert.error?.message}>
          {s.revealing && (
            <Alert
              tone='warning'
              text={`匿名建议中有「${s.revealing.join('」「')}」，转为提案前请留意，以免透露建议人。`}
            />
          )}
          <ChoiceChips
            choices={delegates.map((d) => ({
              value: d.id,
              label: d.groupName === SELF ? `${d.name}（我自己）` : d.name,
            }))}
            value={delegate}
            onChange={setDelegate}
          />
          <BigButton tone='secondary' disabled={!delegate} loading={convert.running} onClick={() => void adopt()}>
            转为提案草稿
          </BigButton>
        </Field>
      )}
    </View>
  )
}

function Item({ s, committee, onDone }: { s: SuggestionView; committee?: Choices | null; onDone: () => void }) {
  const adopted = adoptedLine(s)
  return (
    <View className='p-block'>
      <Text className='p-label'>{s.title}</Text>
      <View>
        <Tag text={s.statusLabel} tone={s.status === 'open' ? 'primary' : 'success'} />
        <Tag
          text={s.anonymous ? (s.mine ? '我提的（匿名）' : '匿名') : (s.authorName ?? (s.mine ? '我提的' : '署名'))}
        />
        <Text className='p-meta'>{s.submittedOn}</Text>
      </View>
      <Text className='p-text'>{s.content}</Text>
      {s.answer && (
        <Text className='p-text'>
          答复（{s.answer.byName}）：{s.answer.text}
        </Text>
      )}
      {adopted &&
        (adopted.proposalId ? (
          <Text
            className='p-text'
            onClick={() => openPage(pageLink(ROUTES.proposal, { id: adopted.proposalId ?? '' }))}
          >
            {adopted.text}
          </Text>
        ) : (
          <Text className='p-text'>{adopted.text}</Text>
        ))}
      {committee !== null && s.status === 'open' && <CommitteeTools s={s} choices={committee} onDone={onDone} />}
    </View>
  )
}

/** 合理化建议: anyone may suggest (anonymously if they wish); the committee answers publicly or turns it into a 提案. */
export default function Suggestions() {
  const can = useCan()
  const profile = useSession().whoami?.profile
  const memberId = profile?.id
  const committee = can('suggestions.answer')
  const overseer = can('suggestions.inbox')
  // A committee member who is a delegate may adopt a suggestion themselves (the list of others leaves them out).
  const self = can('proposals.saveDraft') && profile ? { id: profile.id, name: profile.name, groupName: SELF } : null
  const choices = useQuery(
    () =>
      committee
        ? loadChoices().then((c) => (self ? { ...c, delegates: [self, ...c.delegates] } : c))
        : Promise.resolve(undefined),
    [committee, self?.id],
  )
  const list = usePages<SuggestionPage>(
    (cursor) => {
      if (overseer) return call('suggestions.inbox', cursor ? { cursor } : {})
      if (cursor) return call('suggestions.list', { cursor })
      const kept = keptOf(memberId)
      return call('suggestions.list', kept.length ? { kept } : {})
    },
    [overseer, memberId],
  )
  const reload = list.first.reload
  usePullRefresh(reload)
  const item = (s: SuggestionView) => (
    <Item key={s.id} s={s} committee={committee ? choices.data : null} onDone={() => void reload()} />
  )
  return (
    <Page
      title='合理化建议'
      intro='对学校工作有想法，都可以在这里提。提案委员会会公开答复，好的建议可由代表领办成提案。'
    >
      <NewSuggestion memberId={memberId} onSaved={() => void reload()} />
      <QueryView query={list.first}>
        {(first) => {
          const mine = first.mine ?? []
          const shown = overseer ? list.items : answeredPart(list.items)
          return (
            <>
              {mine.length > 0 && <Section title='我的建议'>{mine.map(item)}</Section>}
              {shown.length === 0 ? (
                <Empty text='还没有已答复的建议' />
              ) : (
                <Section title={overseer ? '全部建议' : '已答复的建议'}>
                  {shown.map(item)}
                  {list.more && (
                    <BigButton tone='secondary' loading={list.loadingMore} onClick={() => void list.loadMore()}>
                      加载更多
                    </BigButton>
                  )}
                </Section>
              )}
            </>
          )
        }}
      </QueryView>
    </Page>
  )
}
