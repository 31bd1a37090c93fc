import { Text, View } from '@tarojs/components'
import { useState } from 'react'
import {
  RATINGS,
  REPLY_METHODS,
  RESOLUTIONS,
  type Rating,
  type ReplyMethod,
  type Resolution,
} from '@/core/proposals/model'
import { addDays, shanghaiDate } from '@/core/shared/shanghai-time'
import type { ProposalDetail } from '@/core/proposals/views'
import Alert from '@/components/Alert'
import BigButton from '@/components/BigButton'
import Field from '@/components/Field'
import Section from '@/components/Section'
import TextInput from '@/components/TextInput'
import { confirm } from '@/components/confirm'
import { openPage, pageLink, ROUTES } from '@/components/routes'
import { ReplyAttachmentsField } from '@/components/proposals/AttachmentsField'
import type { UploadedFileView } from '@/core/shared/files'
import { toastSuccess } from '@/components/toast'
import ChoiceChips, { toChoices } from '@/components/proposals/ChoiceChips'
import LongText from '@/components/proposals/LongText'
import { useBoard } from '@/components/proposals/useBoard'
import { useAction } from '@/hooks/useAction'
import { useQuery } from '@/hooks/useQuery'
import { call } from '@/services/api'
import { askSubscribe } from '@/services/subscribe'
import { serverNow } from '@/services/server-clock'
import { WITHDRAW_CONFIRM, withdrawReasonProblem } from './withdraw-reason'

interface PanelProps {
  p: ProposalDetail
  onDone: (p: ProposalDetail) => void
}

/**
 * Runs one write, shows the server's refusal under it, and hands the updated proposal back. A refusal about
 * one of `onFields` (the fields the panel shows errors on) is shown there only, not a second time below.
 */
function useStep<A extends unknown[]>(
  perform: (...args: A) => Promise<ProposalDetail>,
  onDone: (p: ProposalDetail) => void,
  done: string,
  onFields: readonly string[] = [],
) {
  const action = useAction(perform)
  const run = async (...args: A) => {
    const outcome = await action.run(...args)
    if (outcome.ok) {
      toastSuccess(done)
      onDone(outcome.value)
    }
  }
  const fields = action.fieldErrors
  const message = action.error?.message
  const shownOnField = onFields.some((f) => fields[f] !== undefined && fields[f] === message)
  return { run, running: action.running, error: shownOnField ? undefined : message, fields }
}

export function DraftPanel({ p, onDone }: PanelProps) {
  const delegates = useQuery(
    () => (p.can.invite ? call('proposals.delegates', {}) : Promise.resolve([])),
    [p.can.invite],
  )
  const [invitee, setInvitee] = useState('')
  const invite = useStep(() => call('proposals.invite', { proposalId: p.id, memberId: invitee }), onDone, '已邀请')
  const submit = useStep(() => call('proposals.submit', { proposalId: p.id }), onDone, '已提交')
  const withdraw = useStep(() => call('proposals.withdraw', { proposalId: p.id, reason: '' }), onDone, '已撤回')
  const askWithdraw = async () => {
    const invited = p.seconds.some((s) => s.status !== 'declined')
    const note = invited ? '已邀请的附议将失效，系统会告诉他们。' : ''
    if (await confirm('撤回草稿', `撤回后这份草稿不能再修改和提交，但会保留在「我的提案」中。${note}`, '撤回'))
      await withdraw.run()
  }
  const asked = new Set(p.seconds.filter((s) => s.status !== 'declined').map((s) => s.memberId))
  const accepted = p.seconds.filter((s) => s.status === 'accepted').length
  const missing = Math.max(0, p.secondsRequired - accepted)
  return (
    <Section title='征集附议并提交'>
      <Text className='p-text'>
        需要至少{p.secondsRequired}位代表附议，已有{accepted}位附议。
        {missing > 0 ? `还差${missing}位。` : '可以提交了。'}
      </Text>
      {p.can.edit && (
        <BigButton tone='secondary' onClick={() => openPage(`${ROUTES.proposalEdit}?id=${p.id}`)}>
          修改草稿
        </BigButton>
      )}
      {p.can.invite && (
        <Field label='邀请代表附议' error={invite.error}>
          <ChoiceChips
            choices={(delegates.data ?? [])
              .filter((d) => !asked.has(d.id))
              .map((d) => ({ value: d.id, label: d.name }))}
            value={invitee}
            onChange={setInvitee}
          />
          <BigButton
            tone='secondary'
            disabled={!invitee}
            loading={invite.running}
            onClick={() => void invite.run().then(() => setInvitee(''))}
          >
            邀请附议
          </BigButton>
        </Field>
      )}
      {submit.error && <Alert tone='error' text={submit.error} />}
      {submit.error && p.can.edit && Object.keys(submit.fields).length > 0 && (
        // The refusal lists every problem; the edit page marks each beside its field.
        <BigButton tone='secondary' onClick={() => openPage(pageLink(ROUTES.proposalEdit, { id: p.id, check: '1' }))}>
          去修改（已逐项标出）
        </BigButton>
      )}
      {p.can.submit ? (
        <BigButton
          loading={submit.running}
          onClick={() => {
            // Consent must be asked from the tap: the proposer then hears of review, reply and rating.
            askSubscribe(['proposal']).catch(() => undefined)
            void submit.run()
          }}
        >
          提交提案
        </BigButton>
      ) : (
        <Alert
          tone='info'
          text={`${p.session.name}的征集时间是 ${p.session.opensOn} 至 ${p.session.closesOn}，现在不能提交。`}
        />
      )}
      {withdraw.error && <Alert tone='error' text={withdraw.error} />}
      {p.can.withdraw && (
        <BigButton tone='danger' loading={withdraw.running} onClick={() => void askWithdraw()}>
          撤回草稿
        </BigButton>
      )}
    </Section>
  )
}

export function SecondPanel({ p, onDone }: PanelProps) {
  const second = useStep((accept: boolean) => call('proposals.second', { proposalId: p.id, accept }), onDone, '已保存')
  const invited = p.seconds.some((s) => s.status === 'invited' && s.name !== p.proposerName)
  return (
    <Section title='附议'>
      <Text className='p-text'>附议表示您赞同这份提案。提交前可以撤回，提交后附议锁定。</Text>
      {second.error && <Alert tone='error' text={second.error} />}
      {p.can.second && (
        <BigButton loading={second.running} onClick={() => void second.run(true)}>
          我附议
        </BigButton>
      )}
      {p.can.withdrawSecond && (
        <BigButton tone='secondary' loading={second.running} onClick={() => void second.run(false)}>
          撤回附议
        </BigButton>
      )}
      {p.can.second && invited && (
        <BigButton tone='secondary' loading={second.running} onClick={() => void second.run(false)}>
          不附议
        </BigButton>
      )}
    </Section>
  )
}

/** A submitted proposal, before 审查: the proposer may withdraw it with a reason. */
export function WithdrawPanel({ p, onDone }: PanelProps) {
  const [reason, setReason] = useState('')
  const [problem, setProblem] = useState<string>()
  const withdraw = useStep(() => call('proposals.withdraw', { proposalId: p.id, reason }), onDone, '已撤回')
  const ask = async () => {
    // The reason is checked first, on its field: the confirm comes only when the server would accept it.
    const wrong = withdrawReasonProblem(reason)
    setProblem(wrong)
    if (!wrong && (await confirm('撤回提案', WITHDRAW_CONFIRM, '撤回'))) await withdraw.run()
  }
  return (
    <Section title='撤回提案'>
      <Text className='p-text'>
        提案委员会审查之前，您可以撤回这份提案。请写明撤回的理由，附议人和提案委员会会收到通知。
      </Text>
      <Field label='撤回理由' error={problem ?? withdraw.fields.reason}>
        <LongText value={reason} onChange={setReason} maxlength={300} min={5} placeholder='例如：问题已经解决' />
      </Field>
      {withdraw.error && <Alert tone='error' text={withdraw.error} />}
      <BigButton tone='danger' disabled={!reason.trim()} loading={withdraw.running} onClick={() => void ask()}>
        撤回提案
      </BigButton>
    </Section>
  )
}

const DECISIONS = [
  { value: 'accept', label: '立案' },
  { value: 'reject', label: '不予立案' },
  { value: 'merge', label: '并案' },
] as const

export function ReviewPanel({ p, onDone }: PanelProps) {
  const [decision, setDecision] = useState<'accept' | 'reject' | 'merge'>('accept')
  const [reason, setReason] = useState('')
  const [target, setTarget] = useState('')
  // Proposals of the same session that may be merged into, a page at a time.
  const targets = useBoard(decision === 'merge' ? { sessionId: p.sessionId, stage: 'mergeTarget' } : null, [
    decision,
    p.sessionId,
  ])
  const review = useStep(
    () =>
      call('proposals.review', {
        proposalId: p.id,
        decision,
        reason,
        ...(decision === 'merge' ? { mergeIntoId: target } : {}),
      }),
    onDone,
    '已审查',
    ['mergeIntoId', 'reason'],
  )
  const mergeable = targets.items.filter((x) => x.id !== p.id)
  return (
    <Section title='审查'>
      <ChoiceChips choices={DECISIONS} value={decision} onChange={setDecision} />
      {decision === 'merge' && (
        <Field label='并入哪一份提案' error={review.fields.mergeIntoId}>
          {mergeable.length === 0 ? (
            <Text className='p-meta'>{targets.first.data ? '本届暂无已立案的提案可并入' : '正在加载…'}</Text>
          ) : (
            <ChoiceChips
              choices={mergeable.map((x) => ({ value: x.id, label: `${x.code ?? ''} ${x.title}` }))}
              value={target}
              onChange={setTarget}
            />
          )}
          {targets.more && (
            <BigButton tone='secondary' loading={targets.loadingMore} onClick={() => void targets.loadMore()}>
              更多可并入的提案
            </BigButton>
          )}
        </Field>
      )}
      <Field
        label={decision === 'reject' ? '不予立案的理由' : '审查意见'}
        optional={decision !== 'reject'}
        error={review.fields.reason}
      >
        <LongText
          value={reason}
          onChange={setReason}
          maxlength={300}
          placeholder={decision === 'reject' ? '例如：属于日常管理事项，转为意见建议由部门办理' : ''}
        />
      </Field>
      {review.error && <Alert tone='error' text={review.error} />}
      <BigButton disabled={decision === 'merge' && !target} loading={review.running} onClick={() => void review.run()}>
        确定{DECISIONS.find((d) => d.value === decision)?.label}
      </BigButton>
    </Section>
  )
}

export function AssignPanel({ p, onDone }: PanelProps) {
  const departments = p.session.departments
  const [lead, setLead] = useState(p.suggestedDept && departments.includes(p.suggestedDept) ? p.suggestedDept : '')
  const [cooperating, setCooperating] = useState<string[]>([])
  const [replyBy, setReplyBy] = useState(addDays(shanghaiDate(serverNow()), 15))
  const assign = useStep(
    () => call('proposals.assign', { proposalId: p.id, lead, cooperating: cooperating.join('、'), replyBy }),
    onDone,
    '已交办',
  )
  const toggle = (d: string) =>
    setCooperating((list) => (list.includes(d) ? list.filter((x) => x !== d) : [...list, d]))
  return (
    <Section title='交办'>
      <Field label='主办部门' error={assign.fields.lead}>
        <ChoiceChips choices={toChoices(departments)} value={lead} onChange={setLead} />
      </Field>
      <Field label='协办部门' optional error={assign.fields.cooperating}>
        <ChoiceChips choices={toChoices(departments.filter((d) => d !== lead))} value={cooperating} onChange={toggle} />
      </Field>
      <Field label='答复期限' hint='格式：年-月-日' error={assign.fields.replyBy}>
        <TextInput value={replyBy} onChange={setReplyBy} placeholder='例如 2026-12-20' maxlength={10} />
      </Field>
      {assign.error && <Alert tone='error' text={assign.error} />}
      <BigButton disabled={!lead} loading={assign.running} onClick={() => void assign.run()}>
        确定交办
      </BigButton>
    </Section>
  )
}

export function ReplyPanel({ p, onDone }: PanelProps) {
  const [method, setMethod] = useState<ReplyMethod>('书面答复')
  const [resolution, setResolution] = useState<Resolution | ''>('')
  const [text, setText] = useState('')
  const [files, setFiles] = useState<UploadedFileView[]>([])
  const reply = useStep(
    () =>
      call('proposals.reply', {
        proposalId: p.id,
        method,
        resolution: resolution as Resolution,
        text,
        attachments: files.map((f) => f.id),
      }),
    onDone,
    '已答复',
  )
  return (
    <Section title={`${p.assignment?.lead ?? ''}答复`}>
      {p.replyReturned && p.status === 'assigned' && p.replies.length > 0 && (
        <Alert tone='warning' text='上次答复被提案委员会退回，请看退回理由后重新答复。' />
      )}
      {p.redone && p.status === 'assigned' && (
        <Alert tone='warning' text='提案人对上次答复不满意，请再办理后重新答复。' />
      )}
      <Field label='答复方式'>
        <ChoiceChips
          choices={toChoices(REPLY_METHODS) as { value: ReplyMethod; label: string }[]}
          value={method}
          onChange={setMethod}
        />
      </Field>
      <Field label='解决程度' error={reply.fields.resolution}>
        <ChoiceChips
          choices={toChoices(RESOLUTIONS) as { value: Resolution; label: string }[]}
          value={resolution}
          onChange={setResolution}
        />
      </Field>
      <Field label='答复内容' error={reply.fields.text}>
        <LongText value={text} onChange={setText} maxlength={1000} min={10} placeholder='写明办理情况、措施和时间' />
      </Field>
      <Field label='附件（可选）' error={reply.fields.attachments}>
        <ReplyAttachmentsField files={files} onChange={setFiles} />
      </Field>
      {reply.error && <Alert tone='error' text={reply.error} />}
      <BigButton disabled={!resolution} loading={reply.running} onClick={() => void reply.run()}>
        提交答复
      </BigButton>
    </Section>
  )
}

export function ReturnPanel({ p, onDone }: PanelProps) {
  const [reason, setReason] = useState('')
  const back = useStep(() => call('proposals.returnReply', { proposalId: p.id, reason }), onDone, '已退回')
  return (
    <Section title='答复审查'>
      <Text className='p-text'>如果答复不具体、不到位，可以退回部门重新答复（只能退回一次）。</Text>
      <Field label='退回理由' error={back.fields.reason}>
        <LongText value={reason} onChange={setReason} maxlength={300} min={5} />
      </Field>
      {back.error && <Alert tone='error' text={back.error} />}
      <BigButton tone='danger' disabled={!reason.trim()} loading={back.running} onClick={() => void back.run()}>
        退回重新答复
      </BigButton>
    </Section>
  )
}

export function RatePanel({ p, onDone }: PanelProps) {
  const [rating, setRating] = useState<Rating | ''>('')
  const [comment, setComment] = useState('')
  const rate = useStep(
    () => call('proposals.rate', { proposalId: p.id, rating: rating as Rating, comment }),
    onDone,
    '已评价',
  )
  return (
    <Section title='评价答复'>
      <Text className='p-text'>
        {p.repliesFromMain
          ? '您的提案已并入主提案一并办理。请评价主提案的这次答复，提案委员会和承办部门会看到您的评价。'
          : p.redone
            ? '这是再办理后的答复，评价后提案办结。'
            : '选择「不满意」会退回部门再办理一次；其他评价提案即办结。'}
      </Text>
      <ChoiceChips
        choices={toChoices(RATINGS) as { value: Rating; label: string }[]}
        value={rating}
        onChange={setRating}
      />
      <Field label='评价意见' optional={rating !== '不满意'} error={rate.fields.comment}>
        <LongText
          value={comment}
          onChange={setComment}
          maxlength={300}
          placeholder={rating === '不满意' ? '请写下不满意的原因' : ''}
        />
      </Field>
      {rate.error && <Alert tone='error' text={rate.error} />}
      <BigButton disabled={!rating} loading={rate.running} onClick={() => void rate.run()}>
        提交评价
      </BigButton>
    </Section>
  )
}

export function SimilarPanel({ p }: { p: ProposalDetail }) {
  const similar = useQuery(
    () => call('proposals.similar', { title: p.title, reasons: p.reasons, excludeId: p.id }),
    [p.id, p.title, p.reasons],
  )
  if (!similar.data || similar.data.length === 0) return null
  return (
    <Section title='相似的提案'>
      <Alert tone='warning' text='以下提案内容相近。一事一案：如果是同一件事，可以附议已有提案，不必重复提出。' />
      {similar.data.map((s) => (
        <View key={s.id} className='p-block' onClick={() => openPage(`${ROUTES.proposal}?id=${s.id}`)}>
          <Text className='p-text'>
            {s.code ?? ''} {s.title}
          </Text>
          <Text className='p-meta'>
            {s.sessionName} · {s.statusLabel} · 相似度{s.score}%
          </Text>
        </View>
      ))}
    </Section>
  )
}
