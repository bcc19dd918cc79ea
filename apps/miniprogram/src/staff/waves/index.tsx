import { View } from '@tarojs/components'
import { staffApi } from '../../api/staff'
import type { StaffWave } from '../../api/types'
import { BigButton } from '../../components/Form'
import { StateView, isEmptyList } from '../../components/StateView'
import { useRequest } from '../../hooks/useRequest'
import { formatDate } from '../../format'
import type { Role } from '../../session'
import { ROUTES, withQuery } from '../../routes'
import { go } from '../../navigation'
import { StaffGate } from '../StaffGate'
import { canOpen } from '../roles'

const SCOPE_LABELS: Record<string, string> = { region: '全区域', institution: '本机构', team: '团队' }

function scopeText(scope: StaffWave['scope']): string {
  return SCOPE_LABELS[scope.type] ?? scope.type
}

function WaveList({ role }: { role: Role }) {
  const waves = useRequest(() => staffApi.waves(), [], { refreshOnShow: true })
  return (
    <View>
      {canOpen(role, 'createWave') && (
        <BigButton testId='wave-new' onClick={() => go(ROUTES.staffWaveNew)}>
          ＋ 新建调查批次
        </BigButton>
      )}
      <View className='section-title'>调查批次</View>
      <StateView state={waves} isEmpty={isEmptyList} emptyText='还没有调查批次'>
        {(list) => (
          <View className='grid'>
            {list.map((w) => (
              <View className='card' key={w.id} data-testid='staff-wave-card'>
                <View className='card__title'>{w.title}</View>
                <View className='muted'>范围：{scopeText(w.scope)}</View>
                <View className='muted'>
                  {formatDate(w.opensAt)} 至 {formatDate(w.closesAt)}
                </View>
                <View>
                  已回收 {w.respondents} 份{w.sampleSize ? ` / 样本量 ${w.sampleSize}` : ''}
                </View>
                <View className='row'>
                  <BigButton testId='wave-report' small onClick={() => go(withQuery(ROUTES.staffReport, { id: w.id, title: w.title }))}>
                    查看报告
                  </BigButton>
                  {canOpen(role, 'phoneEntry') && (
                    <BigButton testId='wave-phone' kind='plain' small onClick={() => go(withQuery(ROUTES.staffPhoneEntry, { id: w.id, title: w.title }))}>
                      电话回访录入
                    </BigButton>
                  )}
                </View>
              </View>
            ))}
          </View>
        )}
      </StateView>
    </View>
  )
}

export default function StaffWavesPage() {
  return (
    <StaffGate area='waves' title='满意度调查' testId='staff-waves'>
      {(user) => <WaveList role={user.role} />}
    </StaffGate>
  )
}
