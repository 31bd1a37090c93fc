import Taro from '@tarojs/taro'

/** Asks before a change that is hard to undo (退休, 解除绑定); resolves true only on an explicit 确定. */
export async function confirm(title: string, content: string, confirmText = '确定'): Promise<boolean> {
  const answer = await Taro.showModal({ title, content, confirmText, cancelText: '取消', confirmColor: '#b03a2e' })
  return answer.confirm
}
