import { createWechatQrCodes } from '../../../cloudfunctions/_runtime/qr-codes'
import type { CloudSdk, WxacodeParams } from '../../../cloudfunctions/_runtime/sdk'
import { activityScene } from '@/core/activities/qr'
import { createLocalQrCodes } from '@/server/local/qr-codes'

jest.mock('wx-server-sdk', () => ({}))

const PNG = Buffer.from([0x89, 0x50, 0x4e, 0x47, 0x0d, 0x0a, 0x1a, 0x0a])

function fakeCloud(reply: { buffer?: Uint8Array; errCode?: number }) {
  const calls: WxacodeParams[] = []
  const cloud = {
    openapi: {
      wxacode: {
        getUnlimited: async (params: WxacodeParams) => {
          calls.push(params)
          return reply
        },
      },
    },
  } as unknown as CloudSdk
  return { cloud, calls }
}

describe('activity QR codes', () => {
  test('CloudBase: wxacode.getUnlimited with the scene and page, returned as base64 PNG', async () => {
    const { cloud, calls } = fakeCloud({ buffer: PNG, errCode: 0 })
    const id = '0mhxyz12300abcdefgh'
    const image = await createWechatQrCodes(cloud).activityCode({
      unionId: 'u',
      activityId: id,
      page: 'pages/activity/index',
      scene: activityScene(id),
    })
    expect(calls).toEqual([{ scene: `a=${id}`, page: 'pages/activity/index', checkPath: false }])
    expect(activityScene(id).length).toBeLessThanOrEqual(32)
    expect(image).toEqual({ contentType: 'image/png', base64: PNG.toString('base64') })
  })

  test('CloudBase: a WeChat error or a scene over 32 characters is an error, not a blank image', async () => {
    await expect(fakeCloudCode({ errCode: 45009 }, 'a=x')).rejects.toThrow('wxacode.getUnlimited failed')
    await expect(fakeCloudCode({ buffer: PNG }, `a=${'x'.repeat(31)}`)).rejects.toThrow('scene too long')
  })

  test('local: a PNG of the H5 link, at the address the cloud learnt after listen()', async () => {
    const qr = createLocalQrCodes()
    qr.setPublicUrl('http://192.168.1.5:10086/')
    const image = await qr.activityCode({
      unionId: 'u',
      activityId: 'abc',
      page: 'pages/activity/index',
      scene: 'a=abc',
    })
    expect(image.contentType).toBe('image/png')
    expect(Buffer.from(image.base64, 'base64').subarray(0, 8)).toEqual(PNG)
  })
})

function fakeCloudCode(reply: { buffer?: Uint8Array; errCode?: number }, scene: string) {
  return createWechatQrCodes(fakeCloud(reply).cloud).activityCode({ unionId: 'u', activityId: 'x', page: 'p', scene })
}
