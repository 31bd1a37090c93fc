import { View, Text } from '@tarojs/components'
import { useRouter } from '@tarojs/taro'
import { useState } from 'react'
import type { MyProfile } from '@/core/members/views'
import Alert from '@/components/Alert'
import BigButton from '@/components/BigButton'
import Field from '@/components/Field'
import Loading from '@/components/Loading'
import Page from '@/components/Page'
import Section from '@/components/Section'
import TextInput from '@/components/TextInput'
import { openPage, replacePage, ROUTES, safeRedirect } from '@/components/routes'
import { toastSuccess } from '@/components/toast'
import { setProfile } from '@/hooks/session-store'
import { useAction } from '@/hooks/useAction'
import { useSession } from '@/hooks/useSession'
import { call } from '@/services/api'
import './index.scss'

type Method = 'code' | 'identity'

/** How long 「绑定成功」 stays on screen before we move on, so the teacher sees it worked. */
const SUCCESS_PAUSE_MS = 1200

/**
 * 绑定: links this WeChat to a roster entry, by the chair's invite code (usually from a shared link that
 * pre-fills it) or by school code + name + 工号 + phone tail. Then on to 我的, or to `redirect`.
 */
export default function Bind() {
  const { params } = useRouter()
  const session = useSession()
  const [method, setMethod] = useState<Method>('code')
  const [code, setCode] = useState((params.code ?? '').toUpperCase())
  const [unionCode, setUnionCode] = useState('')
  const [name, setName] = useState('')
  const [staffNo, setStaffNo] = useState('')
  const [phoneTail, setPhoneTail] = useState('')
  const [boundNow, setBoundNow] = useState(false)

  const bind = useAction((chosen: Method): Promise<MyProfile> =>
    chosen === 'code'
      ? call('members.bindByCode', { code })
      : call('members.bindByIdentity', { unionCode, name, staffNo, phoneTail }),
  )

  const submit = async () => {
    const outcome = await bind.run(method)
    if (!outcome.ok) return
    setBoundNow(true)
    toastSuccess('绑定成功')
    setTimeout(() => {
      setProfile(outcome.value)
      replacePage(safeRedirect(params.redirect) ?? ROUTES.me)
    }, SUCCESS_PAUSE_MS)
  }

  const switchMethod = (next: Method) => {
    setMethod(next)
    bind.clearError()
  }

  if (boundNow) {
    return (
      <Page title='绑定会员信息'>
        <Alert tone='success' text='绑定成功' />
      </Page>
    )
  }
  if (!session.whoami) {
    return (
      <Page title='绑定会员信息'>
        {session.error ? <Alert tone='error' text={session.error.message} /> : <Loading />}
      </Page>
    )
  }
  if (!session.whoami.signedIn) {
    return (
      <Page title='绑定会员信息'>
        <Alert tone='info' text='还没有登录。' />
        {process.env.TARO_ENV === 'h5' && (
          <BigButton onClick={() => openPage(ROUTES.devLogin)}>去登录（演示）</BigButton>
        )}
        <BigButton tone='secondary' onClick={() => openPage(ROUTES.home)}>
          返回首页
        </BigButton>
      </Page>
    )
  }
  if (session.whoami.bound && session.whoami.profile) {
    const redirect = safeRedirect(params.redirect)
    return (
      <Page title='绑定会员信息'>
        <Alert
          tone='success'
          text={`您已绑定为 ${session.whoami.profile.name}（${session.whoami.profile.groupName}）`}
        />
        {redirect ? (
          <BigButton onClick={() => replacePage(redirect)}>继续</BigButton>
        ) : (
          <BigButton onClick={() => openPage(ROUTES.me)}>去「我的」</BigButton>
        )}
      </Page>
    )
  }

  const fieldError = bind.fieldErrors
  return (
    <Page title='绑定会员信息' intro='绑定一次即可，以后打开就能直接使用。'>
      <View className='bind__tabs'>
        <Text
          className={method === 'code' ? 'bind__tab bind__tab--active' : 'bind__tab'}
          onClick={() => switchMethod('code')}
        >
          用邀请码
        </Text>
        <Text
          className={method === 'identity' ? 'bind__tab bind__tab--active' : 'bind__tab'}
          onClick={() => switchMethod('identity')}
        >
          用工号和手机
        </Text>
      </View>

      {method === 'code' ? (
        <Section>
          <Field label='邀请码' hint='8位字母和数字，由工会发给您' error={fieldError.code}>
            <TextInput
              value={code}
              onChange={(value) => setCode(value.toUpperCase())}
              maxlength={8}
              placeholder='请输入邀请码'
            />
          </Field>
        </Section>
      ) : (
        <Section>
          <Field label='学校代码' hint='向工会询问，例如 SYXX' error={fieldError.unionCode}>
            <TextInput
              value={unionCode}
              onChange={(value) => setUnionCode(value.toUpperCase())}
              placeholder='请输入学校代码'
            />
          </Field>
          <Field label='姓名' error={fieldError.name}>
            <TextInput value={name} onChange={setName} placeholder='请输入姓名' maxlength={20} />
          </Field>
          <Field label='工号' error={fieldError.staffNo}>
            <TextInput value={staffNo} onChange={setStaffNo} placeholder='请输入工号' maxlength={20} />
          </Field>
          <Field label='手机后四位' error={fieldError.phoneTail}>
            <TextInput
              value={phoneTail}
              onChange={setPhoneTail}
              type='number'
              maxlength={4}
              placeholder='手机号最后4位'
            />
          </Field>
        </Section>
      )}

      {bind.error && <Alert tone='error' text={bind.error.message} />}
      <BigButton loading={bind.running} onClick={() => void submit()}>
        确认绑定
      </BigButton>
      <BigButton tone='secondary' onClick={() => openPage(ROUTES.home)}>
        返回首页
      </BigButton>
    </Page>
  )
}
