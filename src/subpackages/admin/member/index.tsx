import { useRouter, useShareAppMessage } from '@tarojs/taro'
import type { GroupView, RosterEntry } from '@/core/members/views'
import Alert from '@/components/Alert'
import BigButton from '@/components/BigButton'
import Page from '@/components/Page'
import QueryView from '@/components/QueryView'
import { openPage, replacePage, ROUTES } from '@/components/routes'
import { toastSuccess } from '@/components/toast'
import { usePullRefresh } from '@/hooks/usePullRefresh'
import { useQuery } from '@/hooks/useQuery'
import { call } from '@/services/api'
import InviteSection from './InviteSection'
import MemberForm from './MemberForm'
import RolesSection from './RolesSection'
import StatusSection from './StatusSection'
import './index.scss'

interface Loaded {
  member?: RosterEntry
  groups: GroupView[]
}

/** A new member needs only the groups; an existing one also its roster entry. */
async function load(memberId: string | undefined): Promise<Loaded> {
  const [member, groups] = await Promise.all([
    memberId ? call('members.get', { memberId }) : Promise.resolve(undefined),
    call('groups.list', {}),
  ])
  return member ? { member, groups } : { groups }
}

/** 添加会员 / 会员资料: details, status, roles, invite code and binding of one roster entry. */
export default function Member() {
  const memberId = useRouter().params.id
  const query = useQuery(() => load(memberId), [memberId])
  usePullRefresh(query.reload)
  const invitee = query.data?.member
  // In WeChat the chair forwards a card that opens the bind page with the code filled in.
  useShareAppMessage(() =>
    invitee && !invitee.bound && invitee.inviteCode
      ? { title: `${invitee.name}老师，请绑定教工之家`, path: `${ROUTES.bind}?code=${invitee.inviteCode}` }
      : { title: '教工之家', path: ROUTES.home },
  )

  const saved = (entry: RosterEntry) => {
    if (!memberId) {
      // A new member: open their page so the chair sees the invite code right away.
      toastSuccess('已添加')
      replacePage(`${ROUTES.member}?id=${entry.id}`)
      return
    }
    if (query.data) query.setData({ ...query.data, member: entry })
  }

  return (
    <Page title={memberId ? (query.data?.member?.name ?? '会员资料') : '添加会员'}>
      <QueryView query={query}>
        {({ member, groups }) => (
          <>
            {member && !member.canChange && (
              <Alert tone='info' text='工会主席和管理员的资料、状态、角色和微信绑定只有工会主席可以修改。' />
            )}
            {/* The invite code first: handing it out is why the chair opens an unbound member most often. */}
            {member && <InviteSection member={member} onSaved={saved} />}
            {/* key: a save that changes the entry resets the form to what the server kept */}
            <MemberForm
              key={member ? `${member.id}-${member.name}-${member.staffNo}` : 'new'}
              member={member}
              groups={groups}
              onSaved={saved}
            />
            {member?.canChange && (
              <>
                <StatusSection member={member} onSaved={saved} />
                <RolesSection key={member.roles.join(',')} member={member} onSaved={saved} />
              </>
            )}
          </>
        )}
      </QueryView>
      <BigButton tone='secondary' onClick={() => openPage(ROUTES.roster)}>
        回到会员名册
      </BigButton>
    </Page>
  )
}
