import { Text, View } from '@tarojs/components'
import type { ProposalRowView } from '@/core/proposals/views'
import LinkRow from '@/components/LinkRow'
import { openPage, pageLink, ROUTES } from '@/components/routes'
import Tag, { type TagTone } from '@/components/Tag'

export function statusTone(p: Pick<ProposalRowView, 'status' | 'overdue'>): TagTone {
  if (p.overdue) return 'warning'
  if (p.status === 'closed') return 'success'
  if (p.status === 'draft' || p.status === 'merged' || p.status === 'withdrawn') return 'neutral'
  return 'primary'
}

/** One proposal in a list: number and 案由, then status, category, department and rating. */
export default function ProposalRow({ p, extra }: { p: ProposalRowView; extra?: string }) {
  return (
    <LinkRow
      title={p.code ? `${p.code} ${p.title}` : p.title}
      detail={
        <View>
          <Tag text={p.statusLabel} tone={statusTone(p)} />
          {p.overdue && <Tag text='已逾期' tone='warning' />}
          {p.category && <Tag text={p.category} />}
          {p.leadDept && <Tag text={`主办：${p.leadDept}`} />}
          {p.lastRating && <Tag text={p.lastRating} tone={p.lastRating === '不满意' ? 'warning' : 'success'} />}
          <Text className='proposal-row__who'>
            {p.proposerName}
            {p.secondsCount ? ` 等${p.secondsCount + 1}位代表` : ''}
            {extra ? ` · ${extra}` : ''}
          </Text>
        </View>
      }
      onClick={() => openPage(pageLink(ROUTES.proposal, { id: p.id }))}
    />
  )
}
