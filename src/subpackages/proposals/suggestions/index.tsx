import { Text, View } from '@tarojs/components'
import { useState } from 'react'
import type { SuggestionView } from '@/core/suggestions/views'
import Alert from '@/components/Alert'
import BigButton from '@/components/BigButton'
import Field from '@/components/Field'
import Page from '@/components/Page'
import QueryView from '@/components/QueryView'
import Section from '@/components/Section'
import SwitchRow from '@/components/SwitchRow'
import Tag from '@/components/Tag'
import TextInput from '@/components/TextInput'
import { openPage } from '@/components/routes'
import { toastSuccess } from '@/components/toast'
import ChoiceChips from '@/components/proposals/ChoiceChips'
import LongText from '@/components/proposals/LongText'
import { detailUrl } from '@/components/proposals/routes'
import { useAction } from '@/hooks/useAction'
import { usePullRefresh } from '@/hooks/usePullRefresh'
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

function CommitteeTools({ s, onDone }: { s: SuggestionView; onDone: () => void }) {
  const [answer, setAnswer] = useState('')
  const [delegate, setDelegate] = useState('')
  const delegates = useQuery(() => call('proposals.delegates', {}), [])
  const sessions = useQuery(() => call('proposals.sessions', {}), [])
  const open = sessions.data?.find((x) => x.phase !== 'closed')
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
            choices={(delegates.data ?? []).map((d) => ({ value: d.id, label: d.name }))}
            value={delegate}
            onChange={setDelegate}
          />
          <BigButton
            tone='secondary'
            disabled={!delegate}
            loading={convert.running}
            onClick={() => void convert.run().then((o) => o.ok && openPage(detailUrl(o.value.id)))}
          >
            转为提案草稿
          </BigButton>
        </Field>
      )}
    </View>
  )
}

function Item({ s, committee, onDone }: { s: SuggestionView; committee: boolean; onDone: () => void }) {
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
        <Text className='p-text' onClick={() => openPage(detailUrl(s.convertedTo?.proposalId ?? ''))}>
          已由{s.convertedTo.delegateName}代表领办为提案 ›
        </Text>
      )}
      {committee && s.status === 'open' && <CommitteeTools s={s} onDone={onDone} />}
    </View>
  )
}

/** 合理化建议: anyone may suggest (anonymously if they wish); the committee answers publicly or turns it into a 提案. */
export default function Suggestions() {
  const can = useCan()
  const committee = can('suggestions.answer')
  const overseer = can('suggestions.inbox')
  const list = useQuery(() => (overseer ? call('suggestions.inbox', {}) : call('suggestions.list', {})), [overseer])
  usePullRefresh(list.reload)
  return (
    <Page
      title='合理化建议'
      intro='对学校工作有想法，都可以在这里提。提案委员会会公开答复，好的建议可由代表领办成提案。'
    >
      <NewSuggestion onSaved={() => void list.reload()} />
      <QueryView query={list} emptyText='还没有已答复的建议'>
        {(items) => (
          <Section title={overseer ? '全部建议' : '已答复的建议'}>
            {items.map((s) => (
              <Item key={s.id} s={s} committee={committee} onDone={() => void list.reload()} />
            ))}
          </Section>
        )}
      </QueryView>
    </Page>
  )
}
