import { View } from '@tarojs/components'
import { surveysApi } from '../../api/surveys'
import { Page } from '../../components/Page'
import { StateView, isEmptyList } from '../../components/StateView'
import { useRequest } from '../../hooks/useRequest'
import { formatDate } from '../../format'
import { ROUTES, withQuery } from '../../routes'
import { go } from '../../navigation'

export default function WavesPage() {
  const waves = useRequest(() => surveysApi.openWaves(), [], { refreshOnShow: true })
  return (
    <Page title='满意度问卷' testId='waves'>
      <View className='muted' style={{ marginBottom: '12px' }}>
        您的评价会帮助医生改进服务，大约需要3分钟。
      </View>
      <StateView state={waves} isEmpty={isEmptyList} emptyText='现在没有需要填写的问卷'>
        {(list) =>
          list.map((w) => (
            <View
              className={`card ${w.answered ? '' : 'card--tap'}`}
              key={w.id}
              data-testid='wave-card'
              data-answered={w.answered ? 'true' : 'false'}
              onClick={() => !w.answered && go(withQuery(ROUTES.answer, { id: w.id }))}
            >
              <View className='card__row'>
                <View className='card__title'>{w.title}</View>
                {w.answered ? <View className='badge badge--done'>已完成</View> : <View className='badge badge--pending'>待填写</View>}
              </View>
              <View className='muted'>{w.questionnaireTitle}</View>
              <View className='muted'>截止：{formatDate(w.closesAt)}</View>
            </View>
          ))
        }
      </StateView>
    </Page>
  )
}
