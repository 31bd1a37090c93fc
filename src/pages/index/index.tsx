import { useEffect, useRef } from 'react'
import { View, Text } from '@tarojs/components'
import Alert from '@/components/Alert'
import ActivitiesSection from '@/components/home/ActivitiesSection'
import BirthdayCard from '@/components/home/BirthdayCard'
import NoticesSection from '@/components/home/NoticesSection'
import ProposalsSection from '@/components/home/ProposalsSection'
import BigButton from '@/components/BigButton'
import ErrorState from '@/components/ErrorState'
import LinkRow from '@/components/LinkRow'
import Loading from '@/components/Loading'
import Page from '@/components/Page'
import Section from '@/components/Section'
import { openPage, ROUTES } from '@/components/routes'
import { useCan } from '@/hooks/useCan'
import { usePullRefresh, useReloadOnReturn } from '@/hooks/usePullRefresh'
import { useQuery } from '@/hooks/useQuery'
import { useSession } from '@/hooks/useSession'
import { call } from '@/services/api'
import './index.scss'

/**
 * Drawn before any data arrives, in every state: the page never opens blank on a slow phone, and the
 * slogan is the first large paint (the H5 LCP bench measures it).
 */
function Banner({ unionName }: { unionName?: string }) {
  return (
    <View className='home__banner'>
      <Text className='home__banner-title'>教工之家{unionName ? ` · ${unionName}` : ''}</Text>
      <Text className='home__banner-slogan'>活动报名、教代会提案、通知公告、生日祝福，工会的事都在这里</Text>
    </View>
  )
}

/**
 * 首页: who I am, today's card, notices, activities, 提案 — or the one next step (sign in, bind). One call
 * (`home.open`) brings every section, and at start the session with it.
 */
export default function Home() {
  const session = useSession()
  const can = useCan()
  // A pull-down refresh asks for the session again in the same call (roles or the name may have changed).
  const refreshing = useRef(false)
  const home = useQuery(() => call('home.open', {}, { withSession: refreshing.current }), [])
  useReloadOnReturn(home.reload)
  usePullRefresh(async () => {
    refreshing.current = true
    try {
      await home.reload()
    } finally {
      refreshing.current = false
    }
  })
  const { whoami, error } = session
  // Bound since the last answer (the bind page, a demo sign-in): ask once more for this person's sections.
  const askedFor = useRef<string>()
  const profileId = whoami?.profile?.id
  const { data: view, loading, reload } = home
  useEffect(() => {
    if (profileId && view === null && !loading && askedFor.current !== profileId) {
      askedFor.current = profileId
      void reload()
    }
  }, [profileId, view, loading, reload])

  if (error && !whoami) {
    return (
      <Page>
        <Banner />
        <ErrorState message={error.message} onRetry={() => void home.reload()} />
      </Page>
    )
  }
  if (!whoami) {
    return (
      <Page>
        <Banner />
        <Loading />
      </Page>
    )
  }

  if (!whoami.signedIn) {
    return (
      <Page>
        <Banner />
        {process.env.TARO_ENV === 'h5' ? (
          <>
            <Alert tone='info' text='这是本地演示版，请先选择一位演示人员登录。' />
            <BigButton onClick={() => openPage(ROUTES.devLogin)}>去登录（演示）</BigButton>
          </>
        ) : (
          <ErrorState message='暂时没能识别您的微信身份，请稍后再试' onRetry={() => void session.refresh()} />
        )}
      </Page>
    )
  }

  const profile = whoami.profile
  if (!whoami.bound || !profile) {
    return (
      <Page>
        <Banner />
        <Text className='home__lead'>第一次使用，请先绑定您的会员信息。绑定后就能报名活动、查看通知。</Text>
        <BigButton onClick={() => openPage(ROUTES.bind)}>绑定会员信息</BigButton>
        {process.env.TARO_ENV === 'h5' && (
          <BigButton tone='secondary' onClick={() => openPage(ROUTES.devLogin)}>
            切换身份（演示）
          </BigButton>
        )}
      </Page>
    )
  }

  return (
    <Page>
      <Banner unionName={profile.unionName} />
      <View className='home__greeting'>
        <Text className='home__name'>{profile.name}老师，您好</Text>
        <Text className='home__group'>{profile.groupName}</Text>
      </View>
      {home.error && !view && <ErrorState message={home.error.message} onRetry={() => void home.reload()} />}
      {!home.error && !view && <Loading />}
      {view && (
        <>
          <BirthdayCard card={view.birthdayCard} />
          <NoticesSection notices={view.notices} />
          <ActivitiesSection activities={view.activities} />
          <ProposalsSection todo={view.proposals} />
        </>
      )}
      {(can('members.list') || can('greetings.upcoming')) && (
        <Section title='工会管理'>
          {can('members.list') && (
            <LinkRow
              title='会员名册管理'
              detail='添加会员、导入名册、工会小组'
              onClick={() => openPage(ROUTES.roster)}
            />
          )}
          {can('greetings.upcoming') && (
            <LinkRow
              title='生日关怀'
              detail='近期生日、生日会名单、生日祝福设置'
              onClick={() => openPage(ROUTES.birthdays)}
            />
          )}
        </Section>
      )}
    </Page>
  )
}
