import { View, Text } from '@tarojs/components'
import { useEffect, useState } from 'react'
import type { RosterEntry } from '@/core/members/views'
import { MEMBER_STATUSES, ROLE_LABELS, STATUS_LABELS, type MemberStatus } from '@/core/shared/roles'
import BigButton from '@/components/BigButton'
import Empty from '@/components/Empty'
import LinkRow from '@/components/LinkRow'
import Page from '@/components/Page'
import QueryView from '@/components/QueryView'
import Section from '@/components/Section'
import SelectField, { type SelectOption } from '@/components/SelectField'
import Tag from '@/components/Tag'
import TextInput from '@/components/TextInput'
import { openPage, ROUTES } from '@/components/routes'
import { useCan } from '@/hooks/useCan'
import { usePullRefresh, useReloadOnReturn } from '@/hooks/usePullRefresh'
import { usePages } from '@/hooks/usePages'
import { useQuery } from '@/hooks/useQuery'
import { call } from '@/services/api'
import './index.scss'

/** Typing pauses this long before we search, so each keystroke does not cost a request. */
const SEARCH_DELAY_MS = 400
const ALL = ''

/**
 * 会员名册: find a member by name, 工号 or phone (the server searches; each answer is a page, more load at the
 * bottom), narrow by 小组 and status, open one to edit.
 */
export default function Roster() {
  const [keyword, setKeyword] = useState('')
  const [searchedKeyword, setSearchedKeyword] = useState('')
  const [groupId, setGroupId] = useState(ALL)
  const [status, setStatus] = useState<MemberStatus | typeof ALL>('active')
  const can = useCan()

  useEffect(() => {
    const timer = setTimeout(() => setSearchedKeyword(keyword.trim()), SEARCH_DELAY_MS)
    return () => clearTimeout(timer)
  }, [keyword])

  const groups = useQuery(() => call('groups.list', {}), [])
  const roster = usePages(
    (cursor) =>
      call('members.list', {
        keyword: searchedKeyword || undefined,
        groupId: groupId || undefined,
        status: status || undefined,
        cursor,
      }),
    [searchedKeyword, groupId, status],
  )
  const reloadAll = () => Promise.all([roster.first.reload(), groups.reload()]).then(() => undefined)
  usePullRefresh(reloadAll)
  useReloadOnReturn(reloadAll)

  const groupOptions: SelectOption[] = [
    { value: ALL, label: '全部小组' },
    ...(groups.data ?? []).map((group) => ({ value: group.id, label: group.name })),
  ]
  const statusOptions: { value: MemberStatus | typeof ALL; label: string }[] = [
    ...MEMBER_STATUSES.map((value) => ({ value, label: STATUS_LABELS[value] })),
    { value: ALL, label: '全部' },
  ]

  return (
    <Page>
      <View className='roster__actions'>
        <BigButton inline onClick={() => openPage(ROUTES.member)}>
          添加会员
        </BigButton>
        <BigButton inline tone='secondary' onClick={() => openPage(ROUTES.import)}>
          导入名册
        </BigButton>
      </View>
      <View className='roster__actions'>
        <BigButton inline tone='secondary' onClick={() => openPage(ROUTES.groups)}>
          工会小组
        </BigButton>
        <BigButton inline tone='secondary' onClick={() => openPage(ROUTES.bindLog)}>
          绑定记录
        </BigButton>
      </View>
      {can('greetings.upcoming') && (
        <Section>
          <LinkRow title='生日关怀' detail='近期生日、生日会名单' onClick={() => openPage(ROUTES.birthdays)} />
        </Section>
      )}

      <Section>
        <TextInput value={keyword} onChange={setKeyword} placeholder='搜索姓名或工号' maxlength={20} />
        <View className='roster__filter'>
          <SelectField options={groupOptions} value={groupId} onChange={setGroupId} />
        </View>
        <View className='roster__statuses'>
          {statusOptions.map((option) => (
            <Text
              key={option.value || 'all'}
              className={status === option.value ? 'roster__status roster__status--active' : 'roster__status'}
              onClick={() => setStatus(option.value)}
            >
              {option.label}
            </Text>
          ))}
        </View>
      </Section>

      <QueryView query={roster.first}>
        {({ total }) =>
          roster.items.length === 0 ? (
            <Empty text='没有找到符合条件的会员' />
          ) : (
            <Section title={heading(total, roster.items.length, roster.more)}>
              {roster.items.map((member) => (
                <RosterRow key={member.id} member={member} />
              ))}
              {roster.more && (
                <BigButton tone='secondary' loading={roster.loadingMore} onClick={() => void roster.loadMore()}>
                  加载更多
                </BigButton>
              )}
            </Section>
          )
        }
      </QueryView>
      <BigButton tone='secondary' onClick={() => openPage(ROUTES.home)}>
        返回首页
      </BigButton>
    </Page>
  )
}

/** 「共 40 人」 when the server counted or every match is shown; otherwise how many so far, and that more follow. */
function heading(total: number | undefined, shown: number, more: boolean): string {
  if (total !== undefined) return `共 ${total} 人`
  return more ? `已显示 ${shown} 人，下面还有` : `共 ${shown} 人`
}

function RosterRow({ member }: { member: RosterEntry }) {
  // Everyone is a 会员; only the extra roles tell the chair something.
  const roles = member.roles.filter((role) => role !== 'member')
  return (
    <LinkRow
      title={member.name}
      detail={
        <View>
          <Text className='roster__line'>
            工号 {member.staffNo} · {member.groupName}
            {member.status !== 'active' ? ` · ${STATUS_LABELS[member.status]}` : ''}
          </Text>
          {roles.length > 0 && (
            <View>
              {roles.map((role) => (
                <Tag key={role} text={ROLE_LABELS[role]} tone='primary' />
              ))}
            </View>
          )}
        </View>
      }
      extra={<Tag text={member.bound ? '已绑定' : '未绑定'} tone={member.bound ? 'success' : 'warning'} />}
      onClick={() => openPage(`${ROUTES.member}?id=${member.id}`)}
    />
  )
}
