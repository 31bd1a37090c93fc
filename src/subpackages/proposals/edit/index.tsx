import { Text, View } from '@tarojs/components'
import Taro, { useRouter } from '@tarojs/taro'
import { useEffect, useState, type ReactNode } from 'react'
import { charCount, draftProblems, type DraftField, problemSummary, titleTooLong } from '@/core/proposals/draft-check'
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
import AttachmentsField from '@/components/proposals/AttachmentsField'
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

/** A pasted title longer than this is still cut by the box; up to it, the page says it is too long instead. */
const TITLE_PASTE_MAX = 200

/** The anchor the page scrolls to, and the mark on the first field that needs a change. */
function Spot({ field, first, children }: { field: DraftField; first?: DraftField; children: ReactNode }) {
  return (
    <View id={`draft-${field}`} className={first === field ? 'draft-spot draft-spot--first' : 'draft-spot'}>
      {children}
    </View>
  )
}

function scrollTo(field: DraftField | undefined): void {
  if (field) Taro.pageScrollTo({ selector: `#draft-${field}`, duration: 300 }).catch(() => undefined)
}

/**
 * `checking`: opened from a refused 提交 (?check=1): every problem the submission would meet is marked by its
 * field as the teacher types, under a count at the top, and the page starts at the first.
 */
function DraftForm({ session, draft, checking }: Loaded & { checking: boolean }) {
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
  const titleLength = charCount(title)
  const titleOver = titleLength > TITLE_MAX
  const values = { title, reasons, suggestion, category, suggestedDept: dept }
  // When checking, what 提交 would still refuse; a too-long title always; what the server refused in this save wins.
  const problems: Partial<Record<string, string>> = {
    ...(checking ? draftProblems(values) : {}),
    ...(titleOver ? { title: titleTooLong(titleLength) } : {}),
    ...save.fieldErrors,
  }
  const summary = problemSummary(problems)
  const errors = problems
  // Opened to fix a refused submission: start at the first problem.
  useEffect(() => {
    if (checking) setTimeout(() => scrollTo(problemSummary(draftProblems(values)).first), 300)
    // Only once, when the page opens.
    // eslint-disable-next-line react-hooks/exhaustive-deps
  }, [])
  // A refused save: go to its first problem.
  const refused = save.error
  useEffect(() => {
    if (refused?.fields) scrollTo(problemSummary(refused.fields).first)
  }, [refused])
  return (
    <>
      <Alert
        tone='info'
        text={`${session.name}，征集到 ${session.closesOn}。一事一案：一份提案只写一件事。需要${session.secondsRequired}位代表附议后才能提交。`}
      />
      {summary.text && (checking || save.error) && <Alert tone='warning' text={summary.text} />}
      {checking && summary.count === 0 && <Alert tone='success' text='都改好了。保存后回到提案页，就可以提交了。' />}
      <Section>
        <Spot field='title' first={summary.first}>
          <Field label='案由（标题）' hint='例如：关于改善教师午餐质量的建议' error={errors.title}>
            <TextInput value={title} onChange={setTitle} placeholder='关于……的建议' maxlength={TITLE_PASTE_MAX} />
            <Text className={titleOver ? 'draft-count draft-count--over' : 'draft-count'}>
              {titleLength}/{TITLE_MAX}（最多{TITLE_MAX}个字）
            </Text>
          </Field>
        </Spot>
        <Spot field='reasons' first={summary.first}>
          <Field label='情况说明' error={errors.reasons}>
            <LongText
              value={reasons}
              onChange={setReasons}
              maxlength={REASONS_MAX}
              min={REASONS_MIN}
              placeholder='现状如何、存在什么问题、影响了谁'
            />
          </Field>
        </Spot>
        <Spot field='suggestion' first={summary.first}>
          <Field label='具体建议' error={errors.suggestion}>
            <LongText
              value={suggestion}
              onChange={setSuggestion}
              maxlength={SUGGESTION_MAX}
              min={SUGGESTION_MIN}
              placeholder='希望学校怎么做，越具体越好'
            />
          </Field>
        </Spot>
        <Spot field='category' first={summary.first}>
          <Field label='类别' error={errors.category}>
            <ChoiceChips choices={toChoices(session.categories)} value={category} onChange={setCategory} />
          </Field>
        </Spot>
        <Spot field='suggestedDept' first={summary.first}>
          <Field label='建议承办部门' error={errors.suggestedDept}>
            <ChoiceChips choices={toChoices(session.departments)} value={dept} onChange={setDept} />
          </Field>
        </Spot>
        <SwitchRow
          label='公开征集附议'
          detail='打开后，其他代表可以在「待附议」里看到并附议'
          checked={open}
          onChange={setOpen}
        />
      </Section>
      <Section title='附件（照片、文件，可选）'>
        <AttachmentsField proposalId={draft?.id} />
      </Section>
      {save.error && <Alert tone='error' text={save.error.message} />}
      <BigButton disabled={!title.trim() || titleOver} loading={save.running} onClick={() => void submit()}>
        保存草稿
      </BigButton>
    </>
  )
}

/** 写提案 / 修改草稿: saved as a draft first; 附议 and 提交 happen on the proposal's page. */
export default function EditProposal() {
  const { id, check } = useRouter().params
  const query = useQuery(() => load(id), [id])
  return (
    <Page title={id ? '修改提案草稿' : '写提案'}>
      <QueryView query={query}>{(loaded) => <DraftForm {...loaded} checking={!!id && check === '1'} />}</QueryView>
    </Page>
  )
}
