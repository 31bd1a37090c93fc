import { View, Text } from '@tarojs/components'
import { useState } from 'react'
import type { ImportPreview, ImportResult } from '@/core/members/views'
import Alert from '@/components/Alert'
import BigButton from '@/components/BigButton'
import Page from '@/components/Page'
import Section from '@/components/Section'
import { replacePage, ROUTES } from '@/components/routes'
import { useAction } from '@/hooks/useAction'
import { call } from '@/services/api'
import { pickSpreadsheet, type PickedFile } from '@/services/pick-file'
import './index.scss'

const COLUMNS: { name: string; note: string }[] = [
  { name: '姓名', note: '' },
  { name: '工号', note: '' },
  { name: '性别', note: '男 或 女' },
  { name: '手机号', note: '11位' },
  { name: '生日', note: '如 03-08 或 1980-03-08' },
  { name: '工会小组', note: '须与已有小组名称一致' },
  { name: '部门', note: '可选' },
  { name: '状态', note: '在职 或 退休，可选' },
]

interface Checked {
  file: PickedFile
  preview: ImportPreview
}

/**
 * 导入名册 in two steps: the server checks the whole file first (nothing written), and only a file with no
 * problems can be imported. A file with problems is fixed in Excel and chosen again — no half imports.
 */
export default function Import() {
  const [checked, setChecked] = useState<Checked>()
  const [result, setResult] = useState<ImportResult>()
  const check = useAction(async (): Promise<Checked | null> => {
    const file = await pickSpreadsheet()
    if (!file) return null
    return { file, preview: await call('members.importPreview', file) }
  })
  const commit = useAction((file: PickedFile) => call('members.importCommit', file))

  const choose = async () => {
    const outcome = await check.run()
    // Closing the chooser keeps what was on screen.
    if (!outcome.ok || !outcome.value) return
    setChecked(outcome.value)
    setResult(undefined)
    commit.clearError()
  }

  const importNow = async () => {
    if (!checked) return
    const outcome = await commit.run(checked.file)
    if (outcome.ok) {
      setResult(outcome.value)
      setChecked(undefined)
    }
  }

  if (result) {
    return (
      <Page title='导入名册'>
        <Alert tone='success' text={`已导入：新增${result.created}人，更新${result.updated}人`} />
        <BigButton onClick={() => replacePage(ROUTES.roster)}>回到会员名册</BigButton>
      </Page>
    )
  }

  const preview = checked?.preview
  const hasProblems = !!preview && preview.problems.length > 0
  return (
    <Page title='导入名册'>
      <Section title='表格要求'>
        <Text className='import__text'>请用 Excel（.xlsx）或 .csv 文件，第一行是列名，一行一位会员：</Text>
        {COLUMNS.map((column) => (
          <View key={column.name} className='import__column'>
            <Text className='import__column-name'>{column.name}</Text>
            {column.note && <Text className='import__column-note'>{column.note}</Text>}
          </View>
        ))}
        <Text className='import__text import__text--quiet'>已有的工号会更新资料，新的工号会添加为新会员。</Text>
        {process.env.TARO_ENV === 'weapp' && (
          <Text className='import__text import__text--quiet'>
            在手机上：先把表格发到微信聊天（可发给「文件传输助手」），再从聊天里选择。
          </Text>
        )}
      </Section>

      {check.error && <Alert tone='error' text={check.error.message} />}
      <BigButton
        tone={preview && !hasProblems ? 'secondary' : 'primary'}
        loading={check.running}
        onClick={() => void choose()}
      >
        {checked ? '重新选择文件' : '选择文件'}
      </BigButton>

      {checked && preview && (
        <Section title={checked.file.fileName}>
          <Text className='import__totals'>
            共{preview.total}行，新增{preview.toCreate}，更新{preview.toUpdate}
          </Text>
          {hasProblems ? (
            <>
              <Alert
                tone='error'
                text={`有${preview.problems.length}行需要修改。请在表格里改好后保存，再点「重新选择文件」。`}
              />
              {preview.problems.map((problem) => (
                <View key={problem.row} className='import__problem'>
                  <Text className='import__problem-row'>
                    第{problem.row}行 {problem.name}
                  </Text>
                  {problem.reasons.map((reason) => (
                    <Text key={reason} className='import__problem-reason'>
                      {reason}
                    </Text>
                  ))}
                </View>
              ))}
            </>
          ) : (
            <Alert tone='success' text='检查通过，可以导入。' />
          )}
          {commit.error && <Alert tone='error' text={commit.error.message} />}
          <BigButton disabled={hasProblems} loading={commit.running} onClick={() => void importNow()}>
            确认导入
          </BigButton>
        </Section>
      )}
      <BigButton tone='secondary' onClick={() => replacePage(ROUTES.roster)}>
        回到会员名册
      </BigButton>
    </Page>
  )
}
