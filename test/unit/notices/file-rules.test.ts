import { base64Size, checkUpload, fileTypeOfName } from '@/core/notices/file-rules'
import { MAX_BASE64 } from '@/core/notices/model'
import { AppError } from '@/core/shared/errors'

const b64 = (bytes: number[] | string) =>
  (typeof bytes === 'string' ? Buffer.from(bytes) : Buffer.from(bytes)).toString('base64')

const refusal = (name: string, content: string): string => {
  try {
    checkUpload(name, content)
  } catch (e) {
    if (e instanceof AppError) return e.message
    throw e
  }
  return 'accepted'
}

test('the type comes from the extension, any case; jpeg is jpg', () => {
  expect(fileTypeOfName('照片.JPEG')).toBe('jpg')
  expect(fileTypeOfName('a.b.Xlsx')).toBe('xlsx')
  expect(fileTypeOfName('a.doc')).toBeNull()
  expect(fileTypeOfName('png')).toBeNull()
})

test('size is counted from base64 without padding', () => {
  expect(base64Size(b64([1]))).toBe(1)
  expect(base64Size(b64([1, 2]))).toBe(2)
  expect(base64Size(b64([1, 2, 3]))).toBe(3)
  expect(MAX_BASE64).toBeGreaterThanOrEqual(Math.ceil((2 * 1024 * 1024) / 3) * 4)
})

test('each type must start with its own signature', () => {
  expect(checkUpload('a.jpg', b64([0xff, 0xd8, 0xff, 0xe0, 0, 0x10]))).toEqual({ type: 'jpg', kind: 'image', size: 6 })
  expect(checkUpload('a.png', b64([0x89, 0x50, 0x4e, 0x47, 0x0d, 0x0a, 0x1a, 0x0a, 0]))).toMatchObject({ type: 'png' })
  expect(checkUpload('a.pdf', b64('%PDF-1.7'))).toMatchObject({ type: 'pdf', kind: 'attachment' })
  expect(checkUpload('a.docx', b64([0x50, 0x4b, 3, 4, 20]))).toMatchObject({ type: 'docx', kind: 'attachment' })
  expect(refusal('a.jpg', b64([0xff, 0xd8]))).toMatch(/不是真正的jpg/) // too short to carry the signature
  expect(refusal('a.png', b64('GIF89a....'))).toMatch(/不是真正的png/)
  expect(refusal('a.pdf', b64('%PDX-1.7'))).toMatch(/不是真正的pdf/)
  expect(refusal('a.svg', b64('<svg/>'))).toMatch(/只能上传/)
  expect(refusal('a.png', 'abc')).toMatch(/文件内容不正确/)
  expect(refusal('a.png', '')).toMatch(/文件内容不正确/)
})

test('a file over 2 MB is refused by its decoded size', () => {
  const png = Buffer.alloc(2 * 1024 * 1024, 0)
  Buffer.from([0x89, 0x50, 0x4e, 0x47, 0x0d, 0x0a, 0x1a, 0x0a]).copy(png)
  expect(checkUpload('a.png', png.toString('base64')).size).toBe(2 * 1024 * 1024)
  const over = Buffer.concat([png, Buffer.from([0])])
  expect(refusal('a.png', over.toString('base64'))).toMatch(/图片不能超过2MB/)
})
