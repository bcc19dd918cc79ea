import Taro from '@tarojs/taro'
import { View } from '@tarojs/components'
import { staffApi } from '../../api/staff'
import { BigButton } from '../../components/Form'
import { useRequest } from '../../hooks/useRequest'
import type { Role } from '../../session'
import { clearSession } from '../../session'
import { ROUTES } from '../../routes'
import { go } from '../../navigation'
import { StaffGate } from '../StaffGate'
import { ROLE_LABELS, canOpen, type Area } from '../roles'

const MENU: { area: Area; testId: string; title: string; text: string; url: string }[] = [
  { area: 'pending', testId: 'staff-menu-pending', title: '待确认签约', text: '核实重点人群标签，确认或退回', url: ROUTES.staffPending },
  { area: 'teams', testId: 'staff-menu-teams', title: '团队与名额', text: '每位医生已签约、待确认和剩余名额', url: ROUTES.staffTeams },
  { area: 'refusal', testId: 'staff-menu-refusal', title: '知情拒签登记', text: '居民明确不签约时登记知情告知', url: ROUTES.staffRefusal },
  { area: 'waves', testId: 'staff-menu-waves', title: '满意度调查', text: '调查批次、电话回访、报告', url: ROUTES.staffWaves },
  { area: 'packages', testId: 'staff-menu-packages', title: '服务包管理', text: '本区域的服务包、项目和费用分担', url: ROUTES.staffPackages },
  { area: 'policy', testId: 'staff-menu-policy', title: '区域政策', text: '签约上限、续约窗口、减免和补助', url: ROUTES.staffPolicy },
]

interface Counts {
  pending?: number
  active?: number
  waves?: number
}

/** The numbers on the tiles, each from the endpoint the role may call. */
async function loadCounts(role: Role): Promise<Counts> {
  const [pending, active, waves] = await Promise.all([
    canOpen(role, 'pending') ? staffApi.contractCount('pending') : undefined,
    canOpen(role, 'teams') ? staffApi.contractCount('active') : undefined,
    canOpen(role, 'waves') ? staffApi.waves().then((list) => list.filter((w) => new Date(w.closesAt).getTime() > Date.now()).length) : undefined,
  ])
  return { pending, active, waves }
}

function Tiles({ role }: { role: Role }) {
  const counts = useRequest(() => loadCounts(role), [role], { refreshOnShow: true })
  const tiles = [
    { key: 'pending', label: '待确认签约', count: counts.data?.pending, url: ROUTES.staffPending },
    { key: 'active', label: '已生效签约', count: counts.data?.active, url: ROUTES.staffTeams },
    { key: 'waves', label: '进行中的调查', count: counts.data?.waves, url: ROUTES.staffWaves },
  ].filter((t) => counts.loading || t.count !== undefined)
  if (counts.error) return <View className='muted'>统计数字暂时读不到，可以直接进入下面的功能。</View>
  return (
    <View className='tiles'>
      {tiles.map((t) => (
        <View className='tile card--tap' key={t.key} data-testid={`tile-${t.key}`} onClick={() => go(t.url)}>
          <View className='muted'>{t.label}</View>
          <View className='tile__count'>{t.count ?? '…'}</View>
        </View>
      ))}
    </View>
  )
}

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
          <Tiles role={user.role} />
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
