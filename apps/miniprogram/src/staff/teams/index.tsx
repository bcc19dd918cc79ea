import { View } from '@tarojs/components'
import { staffApi } from '../../api/staff'
import { StateView, isEmptyList } from '../../components/StateView'
import { useRequest } from '../../hooks/useRequest'
import { StaffGate } from '../StaffGate'

function TeamRoster() {
  const teams = useRequest(() => staffApi.teams(), [], { refreshOnShow: true })
  return (
    <StateView state={teams} isEmpty={isEmptyList} emptyText='没有可查看的团队'>
      {(list) => (
        <View className='grid'>
          {list.map((team) => (
            <View className='card' key={team.id} data-testid='team-card'>
              <View className='card__row'>
                <View className='card__title'>{team.name}</View>
                <View className={team.placesLeft > 0 ? 'badge badge--active' : 'badge badge--rejected'}>剩余 {team.placesLeft}</View>
              </View>
              <View className='fees__row fees__row--head'>
                <View className='fees__name'>医生</View>
                <View className='fees__num'>已签约</View>
                <View className='fees__num'>待确认</View>
                <View className='fees__num'>剩余名额</View>
              </View>
              {team.doctors.map((d) => (
                <View className='fees__row' key={d.id} data-testid='doctor-row'>
                  <View className='fees__name'>
                    {d.name}
                    <View className='muted'>{d.title}</View>
                  </View>
                  <View className='fees__num'>{d.signed}</View>
                  <View className='fees__num'>{d.pending}</View>
                  <View className='fees__num'>{d.placesLeft}</View>
                </View>
              ))}
            </View>
          ))}
        </View>
      )}
    </StateView>
  )
}

export default function StaffTeamsPage() {
  return (
    <StaffGate area='teams' title='团队与名额' testId='staff-teams'>
      {() => <TeamRoster />}
    </StaffGate>
  )
}
