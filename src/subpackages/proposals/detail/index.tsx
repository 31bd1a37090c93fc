import { Text, View } from '@tarojs/components'
import { useRouter } from '@tarojs/taro'
import type { ProposalDetail } from '@/core/proposals/views'
import Alert from '@/components/Alert'
import Page from '@/components/Page'
import QueryView from '@/components/QueryView'
import Section from '@/components/Section'
import Tag from '@/components/Tag'
import { openPage, pageLink, ROUTES } from '@/components/routes'
import { statusTone } from '@/components/proposals/ProposalRow'
import { usePullRefresh } from '@/hooks/usePullRefresh'
import { useQuery } from '@/hooks/useQuery'
import { ApiError, call } from '@/services/api'
import { fullTime } from '@/core/shared/shanghai-time'
import {
  AssignPanel,
  DraftPanel,
  RatePanel,
  ReplyPanel,
  ReturnPanel,
  ReviewPanel,
  SecondPanel,
  SimilarPanel,
  WithdrawPanel,
} from './Actions'
import Cooperation from './Cooperation'
import SignOffPanel from './SignOff'
import Supervision from './Supervision'
import ReplyLetter from './ReplyLetter'
import Attachments from './Attachments'
import './index.scss'

const SECOND_LABELS = { invited: '已邀请', accepted: '已附议', declined: '未附议' } as const

function Body({ p, onDone }: { p: ProposalDetail; onDone: (p: ProposalDetail) => void }) {
  return (
    <>
      <Section>
        <Text className='page__title'>{p.title}</Text>
        <View>
          {p.code && <Tag text={`${p.code}号`} />}
          <Tag text={p.statusLabel} tone={statusTone(p)} />
          {p.overdue && <Tag text='已逾期' tone='warning' />}
          {p.category && <Tag text={p.category} />}
        </View>
        <Text className='p-meta'>
          {p.sessionName} · 提案人：{p.proposerName}
          {p.suggestedDept ? ` · 建议承办：${p.suggestedDept}` : ''}
        </Text>
        <Text className='p-label'>附议人</Text>
        <Text className='p-text'>
          {p.seconds.length ? p.seconds.map((s) => `${s.name}（${SECOND_LABELS[s.status]}）`).join('、') : '暂无'}
        </Text>
        <Text className='p-label'>情况说明</Text>
        <Text className='p-text'>{p.reasons || '（未填写）'}</Text>
        <Text className='p-label'>具体建议</Text>
        <Text className='p-text'>{p.suggestion || '（未填写）'}</Text>
      </Section>
      <Attachments p={p} />

      {p.status === 'draft' && p.isMine && <SimilarPanel p={p} />}
      {p.status === 'draft' && p.isMine && <DraftPanel p={p} onDone={onDone} />}
      {p.withdrawal && (
        <Section title='已撤回'>
          <Text className='p-text'>
            {p.proposerName}于{fullTime(p.withdrawal.at)}撤回了这份{p.withdrawal.stage === 'draft' ? '草稿' : '提案'}
            {p.withdrawal.reason ? `，理由：${p.withdrawal.reason}。` : '。'}
          </Text>
        </Section>
      )}
      {p.can.withdraw && p.status === 'submitted' && <WithdrawPanel p={p} onDone={onDone} />}
      {(p.can.second || p.can.withdrawSecond) && <SecondPanel p={p} onDone={onDone} />}

      {(p.review || p.assignment || p.mergedFrom.length > 0) && (
        <Section title='办理情况'>
          {p.review && (
            <Text className='p-text'>
              审查：
              {p.review.decision === 'accept'
                ? '立案'
                : p.review.decision === 'reject'
                  ? '不予立案，转为意见建议'
                  : '并案'}
              {p.review.reason ? `（${p.review.reason}）` : ''}
            </Text>
          )}
          {p.mergedInto && (
            <Text
              className='p-text'
              onClick={() => openPage(pageLink(ROUTES.proposal, { id: p.mergedInto?.id ?? '' }))}
            >
              已并入：{p.mergedInto.code ?? ''} {p.mergedInto.title} ›
            </Text>
          )}
          {p.mergedFrom.map((m) => (
            <Text key={m.id} className='p-text' onClick={() => openPage(pageLink(ROUTES.proposal, { id: m.id }))}>
              并入本案：{m.code ?? ''} {m.title} ›
            </Text>
          ))}
          {p.assignment && (
            <Text className='p-text'>
              主办：{p.assignment.lead}
              {p.assignment.cooperating.length ? `；协办：${p.assignment.cooperating.join('、')}` : ''}；答复期限：
              {p.assignment.replyBy}
            </Text>
          )}
        </Section>
      )}

      {p.replies.length > 0 && (
        <Section title={p.repliesFromMain ? '主提案的答复' : '部门答复'}>
          {p.repliesFromMain && p.mergedInto && (
            <Text className='p-meta'>
              这份提案已并入{p.mergedInto.code ? `${p.mergedInto.code}号提案` : '主提案'}一并办理，以下是主提案的答复。
            </Text>
          )}
          {p.replies.map((r, i) => (
            <View key={r.at} className='p-block'>
              <Text className='p-label'>
                第{i + 1}次答复 · {r.department} · {r.resolution}
              </Text>
              <Text className='p-meta'>
                {r.byName} · {r.method} · {fullTime(r.at)}
              </Text>
              <Text className='p-text'>{r.text}</Text>
              {r.returnedReason && <Text className='p-meta'>已被提案委员会退回：{r.returnedReason}</Text>}
            </View>
          ))}
          <ReplyLetter p={p} />
        </Section>
      )}

      {p.ratings.length > 0 && (
        <Section title='提案人评价'>
          {p.ratings.map((r) => (
            <View key={r.at} className='p-block'>
              <Text className='p-label'>{r.rating}</Text>
              {r.comment && <Text className='p-text'>{r.comment}</Text>}
              <Text className='p-meta'>{fullTime(r.at)}</Text>
            </View>
          ))}
        </Section>
      )}

      {p.can.recused && (
        <Alert
          tone='info'
          text={
            p.status === 'assigned' && !p.signOff?.waitingSince
              ? '这是您提出或附议的提案，需要回避，请由本部门其他负责人答复。'
              : '这是您提出或附议的提案，需要回避，请由其他委员审查。'
          }
        />
      )}
      {p.can.review && <ReviewPanel p={p} onDone={onDone} />}
      {p.can.assign && <AssignPanel p={p} onDone={onDone} />}
      <Cooperation p={p} onDone={onDone} />
      {p.can.reply && <ReplyPanel p={p} onDone={onDone} />}
      {p.can.returnReply && <ReturnPanel p={p} onDone={onDone} />}
      <SignOffPanel p={p} onDone={onDone} />
      <Supervision p={p} onDone={onDone} />
      {p.can.rate && <RatePanel p={p} onDone={onDone} />}

      <Section title='办理记录'>
        {p.history.map((h, i) => (
          <View key={`${h.at}-${i}`} className='p-block'>
            <Text className='p-text'>
              {h.byName}：{h.action}
            </Text>
            {h.note && <Text className='p-meta'>{h.note}</Text>}
            <Text className='p-meta'>{fullTime(h.at)}</Text>
          </View>
        ))}
      </Section>
    </>
  )
}

/** 提案详情: the text, who seconded, the handling so far, and the one step the caller may take now. */
export default function ProposalDetailPage() {
  const id = useRouter().params.id
  const query = useQuery(
    () =>
      id ? call('proposals.get', { proposalId: id }) : Promise.reject(new ApiError('NOT_FOUND', '找不到这份提案')),
    [id],
  )
  usePullRefresh(query.reload)
  return (
    <Page>
      <QueryView query={query}>
        {(p) => <Body key={`${p.status}-${p.history.length}`} p={p} onDone={query.setData} />}
      </QueryView>
    </Page>
  )
}
