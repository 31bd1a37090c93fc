import { View, Text } from '@tarojs/components'
import BigButton from './BigButton'

interface ErrorStateProps {
  message: string
  onRetry: () => void
}

/** A failed read: the server's Chinese message and one way out (重试). */
export default function ErrorState({ message, onRetry }: ErrorStateProps) {
  return (
    <View className='state-block state-block--error'>
      <Text className='state-block__text'>{message}</Text>
      <BigButton tone='secondary' onClick={onRetry}>
        重试
      </BigButton>
    </View>
  )
}
