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
  { area: 'referralQueue', testId: 'staff-menu-referrals', title: '预约转诊', text: '审核转诊申请、为居民预约、医院回执、转回接收', url: ROUTES.referralQueue },
  { area: 'referralArrivals', testId: 'staff-menu-arrivals', title: '今日到诊', text: '登记就诊或未就诊，写回执，转回签约团队', url: ROUTES.referralArrivals },
  { area: 'referralPools', testId: 'staff-menu-pools', title: '转诊号源', text: '未来两周各科室号源，批量放号、修改、停约', url: ROUTES.referralPools },
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
          <BigButton testId='staff-logout' kind='plain' onClick={logout}>
            退出登录
          </BigButton>
        </View>
      )}
    </StaffGate>
  )
}
