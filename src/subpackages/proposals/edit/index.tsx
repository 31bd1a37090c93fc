import { useRouter } from '@tarojs/taro'
import { useState } from 'react'
import { REASONS_MAX, REASONS_MIN, SUGGESTION_MAX, SUGGESTION_MIN, TITLE_MAX } from '@/core/proposals/labels'
import type { ProposalDetail, SessionView } from '@/core/proposals/views'
import Alert from '@/components/Alert'
import BigButton from '@/components/BigButton'
import Field from '@/components/Field'
import Page from '@/components/Page'
import QueryView from '@/components/QueryView'
import Section from '@/components/Section'
import SwitchRow from '@/components/SwitchRow'
import TextInput from '@/components/TextInput'
import { pageLink, replacePage, ROUTES } from '@/components/routes'
import { toastSuccess } from '@/components/toast'
import ChoiceChips, { toChoices } from '@/components/proposals/ChoiceChips'
import LongText from '@/components/proposals/LongText'
import { useAction } from '@/hooks/useAction'
import { useQuery } from '@/hooks/useQuery'
import { ApiError, call } from '@/services/api'
import './index.scss'

interface Loaded {
  session: SessionView
  draft?: ProposalDetail
}

async function load(id: string | undefined): Promise<Loaded> {
  if (id) {
    const draft = await call('proposals.get', { proposalId: id })
    return { session: draft.session, draft }
  }
  const sessions = await call('proposals.sessions', {})
  const session = sessions.find((s) => s.phase === 'open')
  if (!session) throw new ApiError('NOT_FOUND', '现在没有正在征集提案的教代会')
  return { session }
}

function DraftForm({ session, draft }: Loaded) {
  const [title, setTitle] = useState(draft?.title ?? '')
  const [reasons, setReasons] = useState(draft?.reasons ?? '')
  const [suggestion, setSuggestion] = useState(draft?.suggestion ?? '')
  const [category, setCategory] = useState(draft?.category ?? '')
  const [dept, setDept] = useState(draft?.suggestedDept ?? '')
  const [open, setOpen] = useState(draft?.openForSeconds ?? true)
  const save = useAction(() =>
    call('proposals.saveDraft', {
      ...(draft ? { proposalId: draft.id } : {}),
      sessionId: session.id,
      title,
      reasons,
      suggestion,
      category,
      suggestedDept: dept,
      openForSeconds: open,
    }),
  )
  const submit = async () => {
    const outcome = await save.run()
    if (outcome.ok) {
      toastSuccess('草稿已保存')
      replacePage(pageLink(ROUTES.proposal, { id: outcome.value.id }))
    }
  }
  const errors = save.fieldErrors
  return (
    <>
      <Alert
        tone='info'
        text={`${session.name}，征集到 ${session.closesOn}。一事一案：一份提案只写一件事。需要${session.secondsRequired}位代表附议后才能提交。`}
      />
      <Section>
        <Field label='案由（标题）' hint='例如：关于改善教师午餐质量的建议' error={errors.title}>
          <TextInput value={title} onChange={setTitle} placeholder='关于……的建议' maxlength={TITLE_MAX} />
        </Field>
        <Field label='情况说明' error={errors.reasons}>
          <LongText
            value={reasons}
            onChange={setReasons}
            maxlength={REASONS_MAX}
            min={REASONS_MIN}
            placeholder='现状如何、存在什么问题、影响了谁'
          />
        </Field>
        <Field label='具体建议' error={errors.suggestion}>
          <LongText
            value={suggestion}
            onChange={setSuggestion}
            maxlength={SUGGESTION_MAX}
            min={SUGGESTION_MIN}
            placeholder='希望学校怎么做，越具体越好'
          />
        </Field>
        <Field label='类别' error={errors.category}>
          <ChoiceChips choices={toChoices(session.categories)} value={category} onChange={setCategory} />
        </Field>
        <Field label='建议承办部门' error={errors.suggestedDept}>
          <ChoiceChips choices={toChoices(session.departments)} value={dept} onChange={setDept} />
        </Field>
        <SwitchRow
          label='公开征集附议'
          detail='打开后，其他代表可以在「待附议」里看到并附议'
          checked={open}
          onChange={setOpen}
        />
      </Section>
      {save.error && <Alert tone='error' text={save.error.message} />}
      <BigButton disabled={!title.trim()} loading={save.running} onClick={() => void submit()}>
        保存草稿
      </BigButton>
    </>
  )
}

/** 写提案 / 修改草稿: saved as a draft first; 附议 and 提交 happen on the proposal's page. */
export default function EditProposal() {
  const id = useRouter().params.id
  const query = useQuery(() => load(id), [id])
  return (
    <Page title={id ? '修改提案草稿' : '写提案'}>
      <QueryView query={query}>{(loaded) => <DraftForm {...loaded} />}</QueryView>
    </Page>
  )
}
