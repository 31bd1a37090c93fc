import type { PickedFile } from './pick-file'

export type { PickedFile } from './pick-file'

/** Browser: a hidden <input type=file>, read with FileReader into base64 (no data: prefix). */
export function pickSpreadsheet(): Promise<PickedFile | null> {
  return new Promise((resolve, reject) => {
    const input = document.createElement('input')
    input.type = 'file'
    input.accept = '.xlsx,.csv,application/vnd.openxmlformats-officedocument.spreadsheetml.sheet,text/csv'
    input.style.display = 'none'
    // Attached so every browser (and the e2e file chooser) sees it; removed as soon as we have an answer.
    document.body.appendChild(input)
    const done = () => input.remove()

    input.addEventListener('cancel', () => {
      done()
      resolve(null)
    })
    input.addEventListener('change', () => {
      const file = input.files?.[0]
      done()
      if (!file) return resolve(null)
      const reader = new FileReader()
      reader.onerror = () => reject(new Error('读取文件失败，请重新选择'))
      reader.onload = () => {
        const dataUrl = String(reader.result)
        resolve({ fileName: file.name, contentBase64: dataUrl.slice(dataUrl.indexOf(',') + 1) })
      }
      reader.readAsDataURL(file)
    })
    input.click()
  })
}
