/**
 * The emulated cloud storage: wx-server-sdk 4.0.2's result shapes and thrown errors, CloudBase's naming rules
 * and per-call limits, files on disk, and temporary links that expire.
 */
import * as fs from 'fs'
import * as os from 'os'
import * as path from 'path'
import { createStorage, MAX_FILES_PER_CALL } from '../../../emulator/cloudbase/storage'

let dir: string
let now: number
beforeEach(() => {
  dir = fs.mkdtempSync(path.join(os.tmpdir(), 'jg-storage-'))
  now = Date.parse('2026-12-01T02:00:00Z')
})
afterEach(() => fs.rmSync(dir, { recursive: true, force: true }))

const make = () => createStorage({ dir, env: 'cloud1-abc', now: () => now })
const BYTES = Buffer.from('hello 教工之家')

async function rejection(call: Promise<unknown>): Promise<Error & { errCode: number; errMsg: string; code?: string }> {
  let caught: unknown
  try {
    await call
  } catch (e) {
    caught = e
  }
  if (!(caught instanceof Error)) throw new Error('expected the call to be refused')
  return caught as Error & { errCode: number; errMsg: string; code?: string }
}

describe('the emulated storage', () => {
  it('lists only the four SDK functions as its own properties', () => {
    expect(Object.keys(make())).toEqual(['uploadFile', 'getTempFileURL', 'downloadFile', 'deleteFile'])
  })
})

describe('uploadFile', () => {
  it('stores the file and returns cloud://<env>.<bucket>/<cloudPath>, statusCode 200', async () => {
    const storage = make()
    const res = await storage.uploadFile({ cloudPath: 'uploads/u1/a.png', fileContent: BYTES })
    expect(res).toEqual({
      fileID: 'cloud://cloud1-abc.636c-cloud1-abc-1300000000/uploads/u1/a.png',
      statusCode: 200,
      errMsg: 'uploadFile:ok',
    })
    expect(storage.fileIDOf('uploads/u1/a.png')).toBe(res.fileID)
    // On disk: another instance on the same folder reads it.
    const again = createStorage({ dir, env: 'cloud1-abc' })
    expect((await again.downloadFile({ fileID: res.fileID })).fileContent).toEqual(BYTES)
  })

  it('replaces a file uploaded again at the same path', async () => {
    const storage = make()
    const { fileID } = await storage.uploadFile({ cloudPath: 'a.txt', fileContent: Buffer.from('one') })
    await storage.uploadFile({ cloudPath: 'a.txt', fileContent: Buffer.from('two') })
    expect((await storage.downloadFile({ fileID })).fileContent.toString()).toBe('two')
  })

  it.each([
    ['empty', ''],
    ['leading /', '/uploads/a.png'],
    ['consecutive /', 'uploads//a.png'],
    ['over 850 bytes', `${'字'.repeat(283)}ab`],
    ['a control character', 'uploads/a\x1b.png'],
  ])('refuses a cloudPath that is %s', async (_, cloudPath) => {
    const e = await rejection(make().uploadFile({ cloudPath, fileContent: BYTES }))
    expect(e).toMatchObject({ errCode: -1, code: 'INVALID_PARAM' })
    expect(e.errMsg).toMatch(/^uploadFile:fail cloudPath /)
    expect(e.message).toBe(e.errMsg)
  })

  it('accepts Chinese, spaces and 850 bytes, and keeps ".." inside its folder', async () => {
    const storage = make()
    await storage.uploadFile({ cloudPath: `${'字'.repeat(282)}abcd`, fileContent: BYTES })
    const { fileID } = await storage.uploadFile({ cloudPath: '通知/会议 议程.pdf', fileContent: BYTES })
    expect(fileID.endsWith('/通知/会议 议程.pdf')).toBe(true)
    await storage.uploadFile({ cloudPath: '../../escape.txt', fileContent: BYTES })
    expect(fs.existsSync(path.join(dir, '..', 'escape.txt'))).toBe(false)
    expect(storage.has(storage.fileIDOf('../../escape.txt'))).toBe(true)
  })

  it('refuses a missing cloudPath or fileContent as the SDK does', async () => {
    const storage = make()
    const noPath = await rejection(storage.uploadFile({ fileContent: BYTES }))
    expect(noPath).toMatchObject({ errCode: -1, errMsg: 'parameter.cloudPath should be string instead of undefined;' })
    expect(noPath.message).toBe(
      'errCode: -1 unknown error | errMsg: parameter.cloudPath should be string instead of undefined;',
    )
    const noContent = await rejection(storage.uploadFile({ cloudPath: 'a.png' }))
    expect(noContent.errMsg).toBe('uploadFile:fail Type of fileContent must be fs.ReadStream instead of undefined')
    const text = await rejection(storage.uploadFile({ cloudPath: 'a.png', fileContent: 'hello' }))
    expect(text.errMsg).toBe('uploadFile:fail [node-sdk] fileContent should be instance of fs.ReadStream or Buffer')
  })
})

describe('getTempFileURL', () => {
  it('returns a link per file, status 0, and status -503003 with no link for an unknown file', async () => {
    const storage = make()
    const { fileID } = await storage.uploadFile({ cloudPath: 'uploads/a b.png', fileContent: BYTES })
    const missing = storage.fileIDOf('uploads/gone.png')
    const res = await storage.getTempFileURL({
      fileList: [
        { fileID, maxAge: 3600 },
        { fileID: missing, maxAge: 3600 },
      ],
    })
    expect(res.errMsg).toBe('getTempFileURL:ok')
    expect(res.fileList[0]).toEqual({
      fileID,
      status: 0,
      errMsg: 'ok',
      maxAge: 3600,
      tempFileURL: expect.stringMatching(
        /^https:\/\/636c-cloud1-abc-1300000000\.tcb\.qcloud\.la\/uploads\/a%20b\.png\?sign=/,
      ),
    })
    expect(res.fileList[1]).toEqual({
      fileID: missing,
      status: -503003,
      errMsg: 'storage file not exists',
      maxAge: 3600,
      tempFileURL: '',
    })
    expect(storage.readTempFileURL(res.fileList[0].tempFileURL)).toEqual(BYTES)
  })

  it('treats another environment’s or a malformed fileID as unknown', async () => {
    const storage = make()
    await storage.uploadFile({ cloudPath: 'a.png', fileContent: BYTES })
    const res = await storage.getTempFileURL({
      fileList: [
        'cloud://other-env.6f74-other-env-1300000000/a.png',
        'a.png',
        'cloud://cloud1-abc.636c-cloud1-abc-1300000000/',
      ],
    })
    expect(res.fileList.map((f) => f.status)).toEqual([-503003, -503003, -503003])
  })

  it('takes at most 50 files per call', async () => {
    const storage = make()
    const { fileID } = await storage.uploadFile({ cloudPath: 'a.png', fileContent: BYTES })
    const fifty = Array.from({ length: MAX_FILES_PER_CALL }, () => ({ fileID, maxAge: 60 }))
    expect((await storage.getTempFileURL({ fileList: fifty })).fileList).toHaveLength(50)
    const e = await rejection(storage.getTempFileURL({ fileList: [...fifty, { fileID, maxAge: 60 }] }))
    expect(e).toMatchObject({ errCode: -1, code: 'INVALID_PARAM' })
    expect(e.errMsg).toMatch(/^getTempFileURL:fail /)
  })

  it('takes fileID strings (a day’s link) or objects with both fileID and maxAge', async () => {
    const storage = make()
    const { fileID } = await storage.uploadFile({ cloudPath: 'a.png', fileContent: BYTES })
    expect((await storage.getTempFileURL({ fileList: [fileID] })).fileList[0]).toMatchObject({
      status: 0,
      maxAge: 86400,
    })
    const noAge = await rejection(storage.getTempFileURL({ fileList: [{ fileID }] }))
    expect(noAge.errMsg).toBe('getTempFileURL:fail fileList 的元素如果是对象，必须是包含 fileID 和 maxAge 的对象')
    expect((await rejection(storage.getTempFileURL({ fileList: [7] }))).errMsg).toMatch(/必须是字符串$/)
    const notArray = await rejection(storage.getTempFileURL({ fileList: fileID }))
    expect(notArray).toMatchObject({ errCode: -1, errMsg: 'parameter.fileList should be array instead of string;' })
  })

  it('gives links that stop working when they expire (a day at most) or are altered', async () => {
    const storage = make()
    const { fileID } = await storage.uploadFile({ cloudPath: 'a.png', fileContent: BYTES })
    const [hour, week] = (
      await storage.getTempFileURL({
        fileList: [
          { fileID, maxAge: 3600 },
          { fileID, maxAge: 7 * 86400 },
        ],
      })
    ).fileList
    expect(week.maxAge).toBe(7 * 86400)
    expect(storage.readTempFileURL(hour.tempFileURL.replace('a.png', 'b.png'))).toBeUndefined()
    expect(storage.readTempFileURL(hour.tempFileURL.replace(/sign=\w/, 'sign=z'))).toBeUndefined()
    expect(storage.readTempFileURL('https://elsewhere.example/a.png')).toBeUndefined()
    now += 3600 * 1000
    expect(storage.readTempFileURL(hour.tempFileURL)).toEqual(BYTES)
    now += 1000
    expect(storage.readTempFileURL(hour.tempFileURL)).toBeUndefined()
    expect(storage.readTempFileURL(week.tempFileURL)).toEqual(BYTES)
    now += 86400 * 1000
    expect(storage.readTempFileURL(week.tempFileURL)).toBeUndefined()
  })

  it('serves links from a configured origin, and none for a deleted file', async () => {
    const storage = createStorage({ dir, urlBase: 'http://127.0.0.1:9000/storage/', now: () => now })
    const { fileID } = await storage.uploadFile({ cloudPath: '通知/a.png', fileContent: BYTES })
    const url = (await storage.getTempFileURL({ fileList: [fileID] })).fileList[0].tempFileURL
    expect(url.startsWith('http://127.0.0.1:9000/storage/%E9%80%9A%E7%9F%A5/a.png?sign=')).toBe(true)
    expect(storage.readTempFileURL(url)).toEqual(BYTES)
    await storage.deleteFile({ fileList: [fileID] })
    expect(storage.readTempFileURL(url)).toBeUndefined()
  })
})

describe('downloadFile', () => {
  it('returns the bytes, statusCode 200', async () => {
    const storage = make()
    const { fileID } = await storage.uploadFile({ cloudPath: 'a.png', fileContent: BYTES })
    expect(await storage.downloadFile({ fileID })).toEqual({
      fileContent: BYTES,
      statusCode: 200,
      errMsg: 'downloadFile:ok',
    })
  })

  it('throws for an unknown file and for a fileID that is not a string', async () => {
    const storage = make()
    const e = await rejection(storage.downloadFile({ fileID: storage.fileIDOf('gone.png') }))
    expect(e).toMatchObject({
      errCode: -1,
      errMsg: 'downloadFile:fail storage file not exist',
      code: 'STORAGE_FILE_NONEXIST',
    })
    const bad = await rejection(storage.downloadFile({}))
    expect(bad).toMatchObject({ errCode: -1, errMsg: 'parameter.fileID should be string instead of undefined;' })
  })
})

describe('deleteFile', () => {
  it('deletes per file: status 0, or -503003 for an unknown one', async () => {
    const storage = make()
    const { fileID } = await storage.uploadFile({ cloudPath: 'a.png', fileContent: BYTES })
    const missing = storage.fileIDOf('gone.png')
    expect(await storage.deleteFile({ fileList: [fileID, missing] })).toEqual({
      fileList: [
        { fileID, status: 0, errMsg: 'ok' },
        { fileID: missing, status: -503003, errMsg: 'storage file not exists' },
      ],
      errMsg: 'deleteFile:ok',
    })
    expect(storage.has(fileID)).toBe(false)
    await expect(storage.downloadFile({ fileID })).rejects.toMatchObject({ code: 'STORAGE_FILE_NONEXIST' })
  })

  it('takes a list of at most 50 non-empty strings', async () => {
    const storage = make()
    const ids = Array.from({ length: MAX_FILES_PER_CALL }, (_, i) => storage.fileIDOf(`f${i}`))
    expect((await storage.deleteFile({ fileList: ids })).fileList).toHaveLength(50)
    const e = await rejection(storage.deleteFile({ fileList: [...ids, storage.fileIDOf('f50')] }))
    expect(e).toMatchObject({ errCode: -1, code: 'INVALID_PARAM' })
    expect((await rejection(storage.deleteFile({ fileList: [ids[0], 3] }))).errMsg).toBe(
      'deleteFile:fail Type of fileList[1] must be string instead of number',
    )
    expect((await rejection(storage.deleteFile({ fileList: [''] }))).errMsg).toBe(
      'deleteFile:fail fileList的元素必须是非空的字符串',
    )
    expect((await rejection(storage.deleteFile({}))).errMsg).toBe(
      'parameter.fileList should be array instead of undefined;',
    )
  })
})
