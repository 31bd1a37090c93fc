import { Text, View } from '@tarojs/components'
import { useState } from 'react'
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
import { toastSuccess } from '@/components/toast'
import ChoiceChips from '@/components/proposals/ChoiceChips'
import LongText from '@/components/proposals/LongText'
import { useAction } from '@/hooks/useAction'
import { usePullRefresh } from '@/hooks/usePullRefresh'
import { usePages } from '@/hooks/usePages'
import { useQuery } from '@/hooks/useQuery'
import { useCan } from '@/hooks/useCan'
import { call } from '@/services/api'
import './index.scss'

function NewSuggestion({ onSaved }: { onSaved: () => void }) {
  const [title, setTitle] = useState('')
  const [content, setContent] = useState('')
  const [anonymous, setAnonymous] = useState(true)
  const submit = useAction(() => call('suggestions.submit', { title, content, anonymous }))
  const send = async () => {
    const outcome = await submit.run()
    if (outcome.ok) {
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
            ? '不记录您的姓名，任何人（包括工会主席）都无法查到是谁提的，也无法联系您'
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
  const reply = useAction(() => call('suggestions.answer', { suggestionId: s.id, answer }))
  const convert = useAction(() =>
    call('suggestions.convert', { suggestionId: s.id, delegateId: delegate, sessionId: open?.id ?? '' }),
  )
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
          <ChoiceChips
            choices={(choices?.delegates ?? []).map((d) => ({ value: d.id, label: d.name }))}
            value={delegate}
            onChange={setDelegate}
          />
          <BigButton
            tone='secondary'
            disabled={!delegate}
            loading={convert.running}
            onClick={() =>
              void convert.run().then((o) => o.ok && openPage(pageLink(ROUTES.proposal, { id: o.value.id })))
            }
          >
            转为提案草稿
          </BigButton>
        </Field>
      )}
    </View>
  )
}

function Item({ s, committee, onDone }: { s: SuggestionView; committee?: Choices | null; onDone: () => void }) {
  return (
    <View className='p-block'>
      <Text className='p-label'>{s.title}</Text>
      <View>
        <Tag text={s.statusLabel} tone={s.status === 'open' ? 'primary' : 'success'} />
        <Tag text={s.anonymous ? '匿名' : (s.authorName ?? (s.mine ? '我提的' : '署名'))} />
        <Text className='p-meta'>{s.submittedOn}</Text>
      </View>
      <Text className='p-text'>{s.content}</Text>
      {s.answer && (
        <Text className='p-text'>
          答复（{s.answer.byName}）：{s.answer.text}
        </Text>
      )}
      {s.convertedTo && (
        <Text
          className='p-text'
          onClick={() => openPage(pageLink(ROUTES.proposal, { id: s.convertedTo?.proposalId ?? '' }))}
        >
          已由{s.convertedTo.delegateName}代表领办为提案 ›
        </Text>
      )}
      {committee !== null && s.status === 'open' && <CommitteeTools s={s} choices={committee} onDone={onDone} />}
    </View>
  )
}

/** 合理化建议: anyone may suggest (anonymously if they wish); the committee answers publicly or turns it into a 提案. */
export default function Suggestions() {
  const can = useCan()
  const committee = can('suggestions.answer')
  const overseer = can('suggestions.inbox')
  const choices = useQuery(() => (committee ? loadChoices() : Promise.resolve(undefined)), [committee])
  const list = usePages<SuggestionPage>(
    (cursor) => {
      const input = cursor ? { cursor } : {}
      return overseer ? call('suggestions.inbox', input) : call('suggestions.list', input)
    },
    [overseer],
  )
  const reload = list.first.reload
  usePullRefresh(reload)
  return (
    <Page
      title='合理化建议'
      intro='对学校工作有想法，都可以在这里提。提案委员会会公开答复，好的建议可由代表领办成提案。'
    >
      <NewSuggestion onSaved={() => void reload()} />
      <QueryView query={list.first}>
        {() =>
          list.items.length === 0 ? (
            <Empty text='还没有已答复的建议' />
          ) : (
            <Section title={overseer ? '全部建议' : '已答复的建议'}>
              {list.items.map((s) => (
                <Item key={s.id} s={s} committee={committee ? choices.data : null} onDone={() => void reload()} />
              ))}
              {list.more && (
                <BigButton tone='secondary' loading={list.loadingMore} onClick={() => void list.loadMore()}>
                  加载更多
                </BigButton>
              )}
            </Section>
          )
        }
      </QueryView>
    </Page>
  )
}
