import Taro from '@tarojs/taro'
import { View } from '@tarojs/components'
import { BigButton } from '../../components/Form'
import { clearSession } from '../../session'
import { ROUTES } from '../../routes'
import { go } from '../../navigation'
import { StaffGate } from '../StaffGate'
import { ROLE_LABELS, canOpen, type Area } from '../roles'

const MENU: { area: Area; testId: string; title: string; text: string; url: string }[] = [
  { area: 'pending', testId: 'staff-menu-pending', title: '待确认签约', text: '核实重点人群标签，确认或退回', url: ROUTES.staffPending },
  { area: 'teams', testId: 'staff-menu-teams', title: '团队与名额', text: '每位医生已签约、待确认和剩余名额', url: ROUTES.staffTeams },
  { area: 'refusal', testId: 'staff-menu-refusal', title: '知情拒签登记', text: '居民明确不签约时登记知情告知', url: ROUTES.staffRefusal },
  { area: 'waves', testId: 'staff-menu-waves', title: '满意度调查', text: '调查批次、电话回访录入、报告', url: ROUTES.staffWaves },
  { area: 'dashboard', testId: 'staff-menu-dashboard', title: '绩效考核', text: '考核指标、得分、趋势和待跟进名单', url: ROUTES.staffDashboard },
]

export default function StaffHomePage() {
  const logout = () => {
    clearSession()
    Taro.reLaunch({ url: ROUTES.staffLogin })
  }
  return (
    <StaffGate area='home' title='工作台' testId='staff-home'>
      {(user) => (
        <View>
          <View className='note' data-testid='staff-user'>
            {user.name} · {ROLE_LABELS[user.role]}
          </View>
          <View className='grid'>
            {MENU.filter((m) => canOpen(user.role, m.area)).map((m) => (
              <View className='card card--tap' key={m.testId} data-testid={m.testId} onClick={() => go(m.url)}>
                <View className='card__title'>{m.title} ›</View>
                <View className='muted'>{m.text}</View>
              </View>
            ))}
          </View>
          {user.role === 'hospitalCoordinator' && <View className='note'>转诊号源和转诊反馈请在医院端系统中办理。</View>}
          <BigButton testId='staff-logout' kind='plain' onClick={logout}>
            退出登录
          </BigButton>
        </View>
      )}
    </StaffGate>
  )
}
