import Taro from '@tarojs/taro'

/** A short success note (≤ 7 characters fit beside the tick). */
export function toastSuccess(title: string): void {
  void Taro.showToast({ title, icon: 'success', duration: 1500 })
}
