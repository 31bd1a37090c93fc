import type { PickedFile } from './pick-image'

export type { PickedFile } from './pick-image'

/** Browser: a hidden <input type=file>, each file read with FileReader into base64 (no data: prefix). */
function choose(accept: string, multiple: boolean): Promise<PickedFile[]> {
  return new Promise((resolve, reject) => {
    const input = document.createElement('input')
    input.type = 'file'
    input.accept = accept
    input.multiple = multiple
    input.style.display = 'none'
    document.body.appendChild(input)
    input.addEventListener('cancel', () => {
      input.remove()
      resolve([])
    })
    input.addEventListener('change', () => {
      const files = Array.from(input.files ?? [])
      input.remove()
      Promise.all(files.map(read)).then(resolve, reject)
    })
    input.click()
  })
}

function read(file: File): Promise<PickedFile> {
  return new Promise((resolve, reject) => {
    const reader = new FileReader()
    reader.onerror = () => reject(new Error('读取文件失败，请重新选择'))
    reader.onload = () => {
      const dataUrl = String(reader.result)
      resolve({ fileName: file.name, contentBase64: dataUrl.slice(dataUrl.indexOf(',') + 1) })
    }
    reader.readAsDataURL(file)
  })
}

export async function pickImages(max: number): Promise<PickedFile[]> {
  return (await choose('.jpg,.jpeg,.png,image/jpeg,image/png', true)).slice(0, max)
}

export async function pickDocument(): Promise<PickedFile | null> {
  return (await choose('.pdf,.docx,.xlsx', false))[0] ?? null
}

/** The local cloud serves /files/<id> only to those allowed; the browser shows or downloads it. */
export async function openDocument(url: string): Promise<void> {
  window.open(url, '_blank')
}

export async function previewImages(_urls: string[], current: string): Promise<void> {
  window.open(current, '_blank')
}
