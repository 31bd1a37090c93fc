import { createCloudFiles } from '../../../cloudfunctions/_runtime/files'
import type { CloudStorage, GetTempFileUrlParams, UploadFileParams } from '../../../cloudfunctions/_runtime/sdk'

function fakeStorage(status = 0) {
  const uploads: UploadFileParams[] = []
  const asked: GetTempFileUrlParams[] = []
  const storage: CloudStorage = {
    async uploadFile(params) {
      uploads.push(params)
      return { fileID: `cloud://env.bucket/${params.cloudPath}`, statusCode: 204 }
    },
    async getTempFileURL(params) {
      asked.push(params)
      return {
        fileList: params.fileList.map((f) => ({
          fileID: f.fileID,
          tempFileURL: `https://tmp.example/${f.fileID.split('/').pop() ?? ''}?sign=1`,
          status,
        })),
      }
    },
  }
  return { storage, uploads, asked }
}

test('uploads the decoded bytes to uploads/<unionId>/<id>.<ext> and keeps the fileID as the key', async () => {
  const { storage, uploads } = fakeStorage()
  const key = await createCloudFiles(storage).put({
    unionId: 'u1',
    id: 'f1',
    extension: 'png',
    base64: Buffer.from('hello').toString('base64'),
  })
  expect(key).toBe('cloud://env.bucket/uploads/u1/f1.png')
  expect(uploads[0].cloudPath).toBe('uploads/u1/f1.png')
  expect(uploads[0].fileContent.toString()).toBe('hello')
})

test('asks for temporary links in order, an hour long, 50 at a time', async () => {
  const { storage, asked } = fakeStorage()
  const keys = Array.from({ length: 51 }, (_, i) => `cloud://env.bucket/uploads/u1/f${i}.png`)
  const urls = await createCloudFiles(storage).urls(keys)
  expect(urls[0]).toBe('https://tmp.example/f0.png?sign=1')
  expect(urls[50]).toBe('https://tmp.example/f50.png?sign=1')
  expect(asked.map((a) => a.fileList.length)).toEqual([50, 1])
  expect(asked[0].fileList[0].maxAge).toBe(3600)
})

test('a file storage cannot link is an error, not an empty address', async () => {
  const { storage } = fakeStorage(-1)
  await expect(createCloudFiles(storage).urls(['cloud://env.bucket/x.png'])).rejects.toThrow(/getTempFileURL/)
})
