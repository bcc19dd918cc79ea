import { useState } from 'react'
import { View } from '@tarojs/components'
import { catalogApi } from '../../api/catalog'
import type { Team, TeamDoctor } from '../../api/types'
import { Page } from '../../components/Page'
import { Steps, SIGNING_STEPS, CHANGE_TEAM_STEPS } from '../../components/Steps'
import { BigButton, OptionRow } from '../../components/Form'
import { StateView, isEmptyList } from '../../components/StateView'
import { useRequest } from '../../hooks/useRequest'
import { ROUTES } from '../../routes'
import { go } from '../../navigation'
import { readDraft, updateDraft } from '../draft'

/** Only a family doctor holds contracts; nurses and other members serve with the team. */
const isFamilyDoctor = (doctor: TeamDoctor) => doctor.isFamilyDoctor !== false

export default function TeamPage() {
  const draft = readDraft()
  const [communityId, setCommunityId] = useState(draft.communityId ?? '')
  const [team, setTeam] = useState<Team>()
  const [doctor, setDoctor] = useState<TeamDoctor | null>(null)
  const communities = useRequest(() => catalogApi.communities(), [])
  const teams = useRequest(() => catalogApi.teams(communityId), [communityId], { enabled: !!communityId })

  const chooseCommunity = (id: string) => {
    setCommunityId(id)
    setTeam(undefined)
    setDoctor(null)
  }

  const next = () => {
    if (!team) return
    updateDraft({
      communityId,
      team: { id: team.id, name: team.name },
      doctor: doctor ? { id: doctor.id, name: doctor.name } : undefined,
    })
    go(draft.changeTeamOf ? ROUTES.agreement : ROUTES.packages)
  }

  return (
    <Page
      title={draft.changeTeamOf ? '更换医生团队' : '选择医生团队'}
      testId='team'
      bottom={
        <BigButton testId='team-next' disabled={!team} onClick={next}>
          {draft.changeTeamOf ? '下一步：阅读协议' : '下一步：选择服务包'}
        </BigButton>
      }
    >
      <Steps steps={draft.changeTeamOf ? CHANGE_TEAM_STEPS : SIGNING_STEPS} current={draft.changeTeamOf ? 1 : 2} />
      {draft.changeTeamOf && (
        <View className='note'>
          请选择负责您所在村/社区的其他团队。新团队确认前，您现在的签约照常有效；新团队确认后，原签约自动结束（改签）；新团队不同意，原签约继续有效。
        </View>
      )}
      <View className='section-title'>1. 您住在哪个村/社区？</View>
      <StateView state={communities} isEmpty={isEmptyList} emptyText='暂无可选的村或社区'>
        {(list) =>
          list.map((c) => (
            <OptionRow key={c.id} testId='community-option' selected={c.id === communityId} onClick={() => chooseCommunity(c.id)}>
              <View className='option__title'>{c.name}</View>
              <View className='muted'>{c.institutionName}</View>
            </OptionRow>
          ))
        }
      </StateView>

      {communityId && (
        <View>
          <View className='section-title'>2. 选择医生团队</View>
          <StateView state={teams} isEmpty={isEmptyList} emptyText='这个村/社区暂时没有医生团队'>
            {(list) =>
              list.map((t) => (
                <OptionRow
                  key={t.id}
                  testId='team-option'
                  selected={team?.id === t.id}
                  disabled={t.placesLeft <= 0 || t.id === draft.currentTeamId}
                  onClick={() => {
                    setTeam(t)
                    setDoctor(null)
                  }}
                >
                  <View className='option__title'>{t.name}</View>
                  <View>{t.id === draft.currentTeamId ? '您现在的团队' : t.placesLeft > 0 ? `还可签约 ${t.placesLeft} 人` : '名额已满'}</View>
                  <View className='muted'>医生：{t.doctors.map((d) => `${d.name}（${d.title}）`).join('、')}</View>
                </OptionRow>
              ))
            }
          </StateView>
        </View>
      )}

      {team && (
        <View>
          <View className='section-title'>3. 选择负责您的医生</View>
          <OptionRow testId='doctor-any' selected={doctor === null} onClick={() => setDoctor(null)}>
            <View className='option__title'>不指定，由团队安排</View>
          </OptionRow>
          {team.doctors.filter(isFamilyDoctor).map((d) => (
            <OptionRow key={d.id} testId='doctor-option' selected={doctor?.id === d.id} disabled={d.placesLeft <= 0} onClick={() => setDoctor(d)}>
              <View className='option__title'>
                {d.name} · {d.title}
              </View>
              <View className='muted'>{d.placesLeft > 0 ? `还可签约 ${d.placesLeft} 人` : '名额已满'}</View>
            </OptionRow>
          ))}
          {team.doctors.some((d) => !isFamilyDoctor(d)) && (
            <View className='muted'>
              团队其他成员：
              {team.doctors
                .filter((d) => !isFamilyDoctor(d))
                .map((d) => `${d.name}（${d.title}）`)
                .join('、')}
            </View>
          )}
        </View>
      )}
    </Page>
  )
}
