import fs from 'fs'
import path from 'path'
import type { Page } from 'playwright-core'
import * as XLSX from '@e965/xlsx'
import { openApp, screen, signInAs, startE2E, textBox, withScreenshotOnFailure, type E2E } from '../support/e2e'

jest.setTimeout(120_000)

const HEADER = ['姓名', '工号', '性别', '手机号', '生日', '工会小组', '部门', '状态']
const NEW_PEOPLE = [
  ['欧阳明', 'E2E01', '男', '13800000001', '03-08', '语文组', '', '在职'],
  ['司马静', 'E2E02', '女', '13800000002', '1985-11-30', '英语组', '教务处', '在职'],
]
const BAD_ROW = ['诸葛新', 'E2E03', '女', '13800000003', '07-01', '体育组', '', '']
const FIXED_ROW = ['诸葛新', 'E2E03', '女', '13800000003', '07-01', '数学组', '', '']

let e2e: E2E
let chair: Page

beforeAll(async () => {
  e2e = await startE2E()
})
afterAll(async () => {
  await e2e?.close()
})

/** Taps 「选择文件」 (or 「重新选择文件」) and answers the browser's file chooser with `file`. */
async function chooseFile(page: Page, buttonText: string, file: string): Promise<void> {
  const [chooser] = await Promise.all([
    page.waitForEvent('filechooser'),
    screen(page).getByText(buttonText, { exact: true }).click(),
  ])
  await chooser.setFiles(file)
}

test('the chair imports a roster: a bad row blocks the import until the file is fixed', async () => {
  chair = await e2e.newPhone()
  await withScreenshotOnFailure(
    () => [chair],
    'import-roster',
    async () => {
      const csv = path.join(e2e.tmpDir, '名册.csv')
      fs.writeFileSync(csv, [HEADER, ...NEW_PEOPLE, BAD_ROW].map((row) => row.join(',')).join('\n'))

      await signInAs(chair, e2e.cloud.url, '王建国')
      await screen(chair).getByText('会员名册管理').click()
      await screen(chair).getByText('导入名册', { exact: true }).click()
      await screen(chair).getByText('表格要求').waitFor()

      await chooseFile(chair, '选择文件', csv)
      // The bad row is row 4 (row 1 is the header), named, with the server's reason.
      await screen(chair).getByText('第4行 诸葛新').waitFor()
      await screen(chair).getByText('没有名为「体育组」的工会小组').waitFor()
      await screen(chair)
        .getByText(/有1行需要修改/)
        .waitFor()
      const confirmButton = screen(chair).locator('.big-button', { hasText: '确认导入' })
      expect(await confirmButton.getAttribute('disabled')).not.toBeNull()

      // Fixed in "Excel" and chosen again, as an .xlsx this time.
      const xlsx = path.join(e2e.tmpDir, '名册-改好.xlsx')
      const book = XLSX.utils.book_new()
      XLSX.utils.book_append_sheet(book, XLSX.utils.aoa_to_sheet([HEADER, ...NEW_PEOPLE, FIXED_ROW]), '名册')
      XLSX.writeFile(book, xlsx)
      await chooseFile(chair, '重新选择文件', xlsx)
      await screen(chair).getByText('共3行，新增3，更新0').waitFor()
      await screen(chair).getByText('检查通过，可以导入。').waitFor()
      // The H5 button is a web component: its disabled attribute follows the render a frame later.
      await screen(chair).locator('.big-button:not([disabled])', { hasText: '确认导入' }).waitFor()

      await confirmButton.click()
      await screen(chair).getByText('已导入：新增3人，更新0人').waitFor()
      await screen(chair).getByText('回到会员名册').click()

      for (const name of ['欧阳明', '司马静', '诸葛新']) {
        await textBox(chair, '搜索姓名或工号').fill(name)
        await screen(chair).locator('.link-row', { hasText: name }).waitFor()
        await screen(chair).getByText('共 1 人').waitFor()
      }
    },
  )
})

test('the imported member opens with the details from the file', async () => {
  await withScreenshotOnFailure(
    () => [chair],
    'import-roster-member',
    async () => {
      await openApp(chair, e2e.cloud.url, '/subpackages/admin/roster/index')
      await textBox(chair, '搜索姓名或工号').fill('E2E02')
      await screen(chair).locator('.link-row', { hasText: '司马静' }).click()
      await screen(chair).getByText('邀请码', { exact: true }).waitFor()
      expect(await textBox(chair, '11位手机号').inputValue()).toBe('13800000002')
      await screen(chair).getByText('11月30日', { exact: true }).waitFor()
      expect(await textBox(chair, '例如 1975').inputValue()).toBe('1985')
    },
  )
})
