import { View, Text } from '@tarojs/components'
import Taro from '@tarojs/taro'
import { useState } from 'react'
import Alert from '@/components/Alert'
import BigButton from '@/components/BigButton'
import Page from '@/components/Page'
import QueryView from '@/components/QueryView'
import Tag from '@/components/Tag'
import { ROUTES } from '@/components/routes'
import { forgetSession } from '@/hooks/session-store'
import { useAction } from '@/hooks/useAction'
import { usePullRefresh } from '@/hooks/usePullRefresh'
import { useQuery } from '@/hooks/useQuery'
import { ApiError } from '@/services/api'
import './index.scss'

interface DemoPerson {
  openid: string
  name: string
  label: string
  bound: boolean
}

/**
 * 演示登录 — exists only in the H5 build served by the local cloud. On a phone WeChat itself says who the
 * caller is; here the local cloud's /dev routes start a session for a demo person instead. They answer only a
 * browser that opened the link the server printed when it started. Plain fetch is fine: this page never ships in the mini-program.
 */
async function devRequest<T>(path: string, body?: object): Promise<T> {
  let response: Response
  try {
    response = await fetch(path, {
      method: body ? 'POST' : 'GET',
      credentials: 'same-origin',
      headers: body ? { 'content-type': 'application/json' } : undefined,
      body: body ? JSON.stringify(body) : undefined,
    })
  } catch {
    throw new ApiError('INTERNAL', '连不上本地服务，请确认它已启动')
  }
  if (!response.ok) {
    // A refusal explains itself, e.g. this browser has not opened the link printed when the server started.
    const reply = (await response.json().catch(() => null)) as { message?: unknown } | null
    const message = typeof reply?.message === 'string' ? reply.message : `本地服务出错（${response.status}）`
    throw new ApiError(response.status === 403 ? 'FORBIDDEN' : 'INTERNAL', message)
  }
  return (await response.json()) as T
}

export default function DevLogin() {
  const people = useQuery(() => devRequest<{ people: DemoPerson[] }>('/dev/people').then((reply) => reply.people), [])
  usePullRefresh(people.reload)
  const [chosen, setChosen] = useState<string>()
  const signIn = useAction((who: { openid: string } | { newUser: true }) => devRequest<unknown>('/dev/login', who))

  const enter = async (who: { openid: string } | { newUser: true }, key: string) => {
    setChosen(key)
    const outcome = await signIn.run(who)
    if (!outcome.ok) return
    // A different person now: drop the cached whoami and start the app afresh.
    forgetSession()
    void Taro.reLaunch({ url: ROUTES.home })
  }

  return (
    <Page title='演示登录' intro='选择一位演示人员进入。'>
      <Alert tone='warning' text='本页只在本地演示版中存在，正式的微信小程序里没有这一页：老师的身份由微信自动识别。' />
      {signIn.error && <Alert tone='error' text={signIn.error.message} />}
      <BigButton
        tone='secondary'
        loading={signIn.running && chosen === 'new'}
        onClick={() => void enter({ newUser: true }, 'new')}
      >
        以新微信用户进入
      </BigButton>
      <View className='dev-login__list'>
        <QueryView query={people} emptyText='没有演示人员'>
          {(list) =>
            list.map((person) => (
              <View
                key={person.openid}
                className='dev-login__person'
                hoverClass='dev-login__person--pressed'
                onClick={() => void enter({ openid: person.openid }, person.openid)}
              >
                <Text className='dev-login__name'>{person.name}</Text>
                <View className='dev-login__meta'>
                  <Text className='dev-login__label'>{person.label}</Text>
                  <Tag text={person.bound ? '已绑定' : '未绑定'} tone={person.bound ? 'success' : 'warning'} />
                </View>
              </View>
            ))
          }
        </QueryView>
      </View>
    </Page>
  )
}
