import Taro from '@tarojs/taro'
import { View } from '@tarojs/components'
import { BigButton } from '../../components/Form'
import { clearSession } from '../../session'
import { ROUTES } from '../../routes'
import { go } from '../../navigation'
import { StaffGate } from '../StaffGate'
import { ROLE_LABELS, canOpen, type Area } from '../roles'

const MENU: { area: Area; testId: string; title: string; text: string; url: string }[] = [
  { area: 'todo', testId: 'staff-menu-todo', title: '待办', text: '到期和逾期的服务、即将到期的签约、待确认的服务', url: ROUTES.fieldworkTodo },
  { area: 'fieldwork', testId: 'staff-menu-onsite', title: '上门签约', text: '为没有微信的居民登记并当场签约（手写签名）', url: ROUTES.fieldworkOnsite },
  { area: 'todo', testId: 'staff-menu-lookup', title: '查找居民', text: '按姓名、身份证号后4位或手机号查找，记录服务', url: ROUTES.fieldworkLookup },
  { area: 'pending', testId: 'staff-menu-pending', title: '待确认签约', text: '核实重点人群标签，确认或退回', url: ROUTES.staffPending },
  { area: 'teams', testId: 'staff-menu-teams', title: '团队与名额', text: '每位医生已签约、待确认和剩余名额', url: ROUTES.staffTeams },
  { area: 'refusal', testId: 'staff-menu-refusal', title: '未签约登记', text: '拒签（知情告知书）、失联、入狱、死亡、外出/迁出', url: ROUTES.staffRefusal },
  { area: 'waves', testId: 'staff-menu-waves', title: '满意度调查', text: '调查批次、电话回访录入、报告', url: ROUTES.staffWaves },
  { area: 'referralQueue', testId: 'staff-menu-referrals', title: '预约转诊', text: '审核转诊申请、为居民预约、医院回执、转回接收', url: ROUTES.referralQueue },
  { area: 'referralArrivals', testId: 'staff-menu-arrivals', title: '今日到诊', text: '登记就诊或未就诊，写回执，转回签约团队', url: ROUTES.referralArrivals },
  { area: 'referralPools', testId: 'staff-menu-pools', title: '转诊号源', text: '未来两周各科室号源，批量放号、修改、停约', url: ROUTES.referralPools },
  { area: 'pushes', testId: 'staff-menu-pushes', title: '健康资讯推送', text: '按人群推送健康知识，查看阅读情况', url: ROUTES.outreachPushes },
  { area: 'feedback', testId: 'staff-menu-feedback', title: '居民反馈与投诉', text: '待处理的意见和投诉，答复居民', url: ROUTES.outreachFeedback },
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
          <BigButton testId='staff-logout' kind='plain' onClick={logout}>
            退出登录
          </BigButton>
        </View>
      )}
    </StaffGate>
  )
}
