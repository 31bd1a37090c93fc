import { Text } from '@tarojs/components'
import type { ProposalTodo } from '@/core/proposals/views'
import BigButton from '@/components/BigButton'
import LinkRow from '@/components/LinkRow'
import Section from '@/components/Section'
import { openPage, ROUTES } from '@/components/routes'
import { useCan } from '@/hooks/useCan'
import { useSession } from '@/hooks/useSession'

/** 首页「教代会提案」: my proposals and what waits for me, by what I may do; the public board and 合理化建议 for all. */
export default function ProposalsSection({ todo: t }: { todo: ProposalTodo }) {
  const profile = useSession().whoami?.profile
  const can = useCan()
  if (!profile) return null
  const count = (n: number | undefined) => (n ? <Text className='tag tag--primary'>{n}</Text> : undefined)
  return (
    <Section title='教代会提案'>
      {/* The server's phase, not the phone's date, says whether a session is collecting. */}
      {t?.currentSession ? (
        <Text className='page__intro'>
          {t.currentSession.name}
          {t.currentSession.open ? `正在征集提案，截止 ${t.currentSession.closesOn}` : '即将开始征集提案'}
        </Text>
      ) : (
        t &&
        can('proposals.saveDraft') && (
          <Text className='page__intro'>目前没有正在征集提案的教代会，暂时不能写提案。</Text>
        )
      )}
      {can('proposals.mine') && (
        <LinkRow
          title='我的提案'
          detail={
            t
              ? `草稿${t.myDrafts}件 · 办理中${t.myInProgress}件${t.toRate ? ` · 待评价${t.toRate}件` : ''}${t.invitations ? ` · 附议邀请${t.invitations}个` : ''}`
              : undefined
          }
          extra={count((t?.toRate ?? 0) + (t?.invitations ?? 0))}
          onClick={() => openPage(ROUTES.myProposals)}
        />
      )}
      {can('proposals.review') && (
        <LinkRow
          title='提案审查与交办'
          detail={
            t
              ? `待审查${t.toReview}件 · 待交办${t.toAssign}件${t.repliesToSignOff ? ` · 答复待审核${t.repliesToSignOff}件` : ''}${t.extensionsToDecide ? ` · 延期待审批${t.extensionsToDecide}件` : ''}`
              : undefined
          }
          extra={count((t?.toReview ?? 0) + (t?.repliesToSignOff ?? 0) + (t?.extensionsToDecide ?? 0))}
          onClick={() => openPage(ROUTES.proposalReview)}
        />
      )}
      {can('proposals.reply') && (
        <LinkRow
          title='待答复的提案'
          detail={
            t?.toCooperate ? `${profile.department ?? ''} · 待提交协办意见${t.toCooperate}件` : profile.department
          }
          extra={count((t?.toReply ?? 0) + (t?.toCooperate ?? 0))}
          onClick={() => openPage(ROUTES.proposalReply)}
        />
      )}
      <LinkRow title='提案公开栏' detail='全部提案的办理和答复' onClick={() => openPage(ROUTES.proposalBoard)} />
      <LinkRow title='合理化建议' detail='人人可提，可匿名' onClick={() => openPage(ROUTES.suggestions)} />
      {can('proposals.saveDraft') && t?.currentSession?.open && (
        <BigButton onClick={() => openPage(ROUTES.proposalEdit)}>写提案</BigButton>
      )}
    </Section>
  )
}
