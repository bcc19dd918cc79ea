import { useRouter } from '@tarojs/taro'
import { View } from '@tarojs/components'
import { surveysApi } from '../../api/surveys'
import type { Answer } from '../../api/types'
import { Page } from '../../components/Page'
import { StateView } from '../../components/StateView'
import { QuestionForm } from '../../components/QuestionForm'
import { useAction, useRequest } from '../../hooks/useRequest'
import { ROUTES } from '../../routes'
import { replace } from '../../navigation'

export default function AnswerPage() {
  const { params } = useRouter()
  const id = params.id ?? ''
  const wave = useRequest(() => surveysApi.wave(id), [id], { enabled: !!id })
  const submit = useAction(async (answers: Answer[]) => {
    await surveysApi.respond(id, answers)
    replace(ROUTES.thanks)
  })

  return (
    <Page testId='answer'>
      <StateView state={wave}>
        {(w) => (
          <View>
            <View className='page__title'>{w.title}</View>
            {w.answered ? (
              <View className='state' data-testid='wave-answered'>
                <View className='state__text'>您已经填写过这份问卷，谢谢！</View>
              </View>
            ) : (
              <QuestionForm questionnaire={w.questionnaire} submitting={submit.busy} error={submit.error} onSubmit={(answers) => submit.run(answers)} />
            )}
          </View>
        )}
      </StateView>
    </Page>
  )
}
