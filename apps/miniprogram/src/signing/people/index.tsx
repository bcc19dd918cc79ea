import { useState } from 'react'
import { View } from '@tarojs/components'
import { meApi } from '../../api/me'
import { contractsApi } from '../../api/contracts'
import type { Person } from '../../api/types'
import { Page } from '../../components/Page'
import { Steps, SIGNING_STEPS } from '../../components/Steps'
import { BigButton, CheckItem } from '../../components/Form'
import { StateView } from '../../components/StateView'
import { useRequest } from '../../hooks/useRequest'
import { contractStatusLabel, relationLabel } from '../../labels'
import { ROUTES } from '../../routes'
import { go } from '../../navigation'
import { startDraft } from '../draft'

interface Household {
  self: Person | null
  members: Person[]
  /** Status of the open (pending or active) contract per person id. */
  openContract: Record<string, string>
}

async function loadHousehold(): Promise<Household> {
  const [me, members, contracts] = await Promise.all([meApi.get(), meApi.familyMembers(), contractsApi.list()])
  const openContract: Record<string, string> = {}
  for (const c of contracts) if (c.status === 'pending' || c.status === 'active') openContract[c.personId] = c.status
  return { self: me.person, members, openContract }
}

export default function PeoplePage() {
  const household = useRequest(loadHousehold, [], { refreshOnShow: true })
  const [chosen, setChosen] = useState<string[]>([])

  const next = (data: Household) => {
    const people = [data.self, ...data.members].filter((p): p is Person => !!p && chosen.includes(p.id))
    startDraft({ people: people.map((p) => ({ id: p.id, name: p.name, self: p.id === data.self?.id })), communityId: data.self?.communityId ?? undefined })
    go(ROUTES.team)
  }

  return (
    <Page title='为谁签约？' testId='people'>
      <Steps steps={SIGNING_STEPS} current={1} />
      <StateView state={household}>
        {(data) => {
          if (!data.self) {
            return (
              <View className='card'>
                <View className='card__title'>请先填写个人资料</View>
                <BigButton testId='people-profile' onClick={() => go(ROUTES.profile)}>
                  填写个人资料
                </BigButton>
              </View>
            )
          }
          const everyone = [data.self, ...data.members]
          return (
            <View>
              <View className='muted' style={{ marginBottom: '12px' }}>
                可以多选，一起签约。
              </View>
              {everyone.map((person, index) => {
                const open = data.openContract[person.id]
                return (
                  <CheckItem
                    key={person.id}
                    testId={`sign-person-${index}`}
                    checked={chosen.includes(person.id)}
                    locked={!!open}
                    onChange={(on) => setChosen(on ? [...chosen, person.id] : chosen.filter((id) => id !== person.id))}
                  >
                    <View className='option__title'>
                      {person.name}
                      {index === 0 ? '（本人）' : `（${relationLabel(person.relation)}）`}
                    </View>
                    <View className='muted'>
                      {person.age}岁{open ? ` · ${contractStatusLabel(open)}，不能重复签约` : ''}
                    </View>
                  </CheckItem>
                )
              })}
              <BigButton testId='people-add-family' kind='plain' onClick={() => go(ROUTES.family)}>
                ＋ 添加家庭成员
              </BigButton>
              <BigButton testId='people-next' disabled={chosen.length === 0} onClick={() => next(data)}>
                下一步：选择医生团队
              </BigButton>
            </View>
          )
        }}
      </StateView>
    </Page>
  )
}
