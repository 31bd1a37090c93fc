import { Image, Text, View } from '@tarojs/components'
import type { PosterContent } from './layout'

/**
 * The poster as the page shows it and the browser prints it (one A4 page, index.scss @media print); the saved
 * picture draws the same words (layout.ts).
 */
export default function PosterSheet({ content, qrSrc }: { content: PosterContent; qrSrc: string }) {
  const many = content.items.length > 8
  return (
    <View className={`poster-sheet${many ? ' poster-sheet--many' : ''}`}>
      <View className='poster-sheet__band'>
        {content.unionName && <Text className='poster-sheet__union'>{content.unionName}</Text>}
      </View>
      <View className='poster-sheet__body'>
        <Text className='poster-sheet__title'>{content.title}</Text>
        <View className='poster-sheet__facts'>
          {content.facts.map((fact) => (
            <View className='poster-sheet__fact' key={fact.label}>
              <Text className='poster-sheet__label'>{fact.label}：</Text>
              <Text className='poster-sheet__value'>{fact.text}</Text>
            </View>
          ))}
        </View>
        {content.items.length > 0 && (
          <View className='poster-sheet__items'>
            <Text className='poster-sheet__items-title'>报名项目</Text>
            <View
              className={`poster-sheet__item-list${content.items.length > 5 ? ' poster-sheet__item-list--two' : ''}`}
            >
              {content.items.map((item, i) => (
                <View className='poster-sheet__item' key={`${i}-${item.name}`}>
                  <Text>{item.name}</Text>
                  {item.note && <Text className='poster-sheet__note'>{item.note}</Text>}
                </View>
              ))}
            </View>
          </View>
        )}
        <View className='poster-sheet__qr'>
          <Image className='qr-image poster-sheet__qr-image' src={qrSrc} mode='scaleToFill' />
          <Text className='poster-sheet__caption'>{content.qrCaption}</Text>
        </View>
      </View>
    </View>
  )
}
