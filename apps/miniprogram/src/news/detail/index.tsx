import { Image, View } from '@tarojs/components'
import { useRouter } from '@tarojs/taro'
import { PUSH_CATEGORY_LABELS } from '@jiayi/domain'
import { feedApi } from '../../api/feed'
import { Page } from '../../components/Page'
import { RichBody } from '../../components/RichBody'
import { StateView } from '../../components/StateView'
import { useRequest } from '../../hooks/useRequest'
import { formatDateTime } from '../../format'

/** One push, as the resident reads it; opening it records the read. */
export default function NewsDetailPage() {
  const { params } = useRouter()
  const item = useRequest(() => feedApi.open(params.id ?? ''), [params.id], { enabled: !!params.id })
  return (
    <Page testId='news-detail'>
      <StateView state={item}>
        {(data) =>
          data.withdrawn ? (
            <View className='state' data-testid='news-withdrawn'>
              <View className='state__text'>这条资讯已撤回</View>
              <View className='muted'>{data.title}</View>
            </View>
          ) : (
            <View className='article'>
              <View className='article__title' data-testid='news-title'>
                {data.title}
              </View>
              <View className='muted'>
                {PUSH_CATEGORY_LABELS[data.category]} · {formatDateTime(data.publishedAt)}
              </View>
              {data.coverUrl && <Image className='article__cover' src={data.coverUrl} mode='widthFix' />}
              <RichBody html={data.body} testId='news-body' />
            </View>
          )
        }
      </StateView>
    </Page>
  )
}
