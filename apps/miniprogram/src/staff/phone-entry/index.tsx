import { useState } from 'react'
import { useRouter } from '@tarojs/taro'
import { View } from '@tarojs/components'
import { staffApi } from '../../api/staff'
import type { Answer, StaffResident } from '../../api/types'
import { BigButton, Field, OptionRow } from '../../components/Form'
import { StateView, isEmptyList } from '../../components/StateView'
import { QuestionForm } from '../../components/QuestionForm'
import { useAction, useRequest } from '../../hooks/useRequest'
import { StaffGate } from '../StaffGate'

type Channel = 'phone' | 'onsite'

function ResidentSearch({ onChoose }: { onChoose: (resident: StaffResident) => void }) {
  const [text, setText] = useState('')
  const [query, setQuery] = useState('')
  const residents = useRequest(() => staffApi.residents(query), [query], { enabled: !!query })
  return (
    <View className='card'>
      <Field label='查找居民（姓名或完整身份证号）' testId='resident-search' value={text} onInput={setText} />
      <BigButton testId='resident-search-submit' small disabled={!text.trim()} onClick={() => setQuery(text.trim())}>
        查找
      </BigButton>
      {query && (
        <StateView state={residents} isEmpty={isEmptyList} emptyText='没有找到这位居民'>
          {(list) =>
            list.map((r) => (
              <OptionRow key={r.id} testId='resident-option' onClick={() => onChoose(r)}>
                <View className='option__title'>{r.name}</View>
                <View className='muted'>
                  {r.idNumberMasked}
                  {r.age !== undefined ? ` · ${r.age}岁` : ''}
                </View>
              </OptionRow>
            ))
          }
        </StateView>
      )}
    </View>
  )
}

function PhoneEntry({ waveId }: { waveId: string }) {
  const wave = useRequest(() => staffApi.waveQuestionnaire(waveId), [waveId], { enabled: !!waveId })
  const [resident, setResident] = useState<StaffResident>()
  const [channel, setChannel] = useState<Channel>('phone')
  const [done, setDone] = useState<string[]>([])
  const submit = useAction(async (answers: Answer[]) => {
    if (!resident) return
    await staffApi.enterResponse(waveId, resident.id, channel, answers)
    setDone((names) => [...names, resident.name])
    setResident(undefined)
  })

  return (
    <View style={{ maxWidth: '720px' }}>
      {done.length > 0 && (
        <View className='note' data-testid='phone-entry-saved'>
          已录入：{done.join('、')}
        </View>
      )}
      {!resident ? (
        <ResidentSearch onChoose={setResident} />
      ) : (
        <StateView state={wave}>
          {(w) => (
            <View>
              <View className='card'>
                <View className='card__row'>
                  <View className='card__title'>{resident.name}</View>
                  <BigButton testId='resident-change' kind='plain' small onClick={() => setResident(undefined)}>
                    换一位
                  </BigButton>
                </View>
                <View className='muted'>{resident.idNumberMasked}</View>
                <View className='row'>
                  <OptionRow testId='channel-phone' selected={channel === 'phone'} onClick={() => setChannel('phone')}>
                    电话回访
                  </OptionRow>
                  <OptionRow testId='channel-onsite' selected={channel === 'onsite'} onClick={() => setChannel('onsite')}>
                    现场填写
                  </OptionRow>
                </View>
              </View>
              <QuestionForm
                key={resident.id}
                questionnaire={w.questionnaire}
                submitting={submit.busy}
                error={submit.error}
                submitLabel='保存回访结果'
                onSubmit={(answers) => submit.run(answers)}
              />
            </View>
          )}
        </StateView>
      )}
    </View>
  )
}

export default function StaffPhoneEntryPage() {
  const { params } = useRouter()
  const title = params.title ? decodeURIComponent(params.title) : '电话回访录入'
  return (
    <StaffGate area='phoneEntry' title={title} testId='staff-phone-entry'>
      {() => <PhoneEntry waveId={params.id ?? ''} />}
    </StaffGate>
  )
}
