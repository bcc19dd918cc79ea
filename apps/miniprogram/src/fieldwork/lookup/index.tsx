import { useState } from 'react'
import { View } from '@tarojs/components'
import { staffApi } from '../../api/staff'
import { BigButton, Field } from '../../components/Form'
import { ErrorMessage } from '../../components/StateView'
import { useAction } from '../../hooks/useRequest'
import type { StaffResident } from '../../api/types'
import { ROUTES, withQuery } from '../../routes'
import { go } from '../../navigation'
import { StaffGate } from '../../staff/StaffGate'

export default function LookupPage() {
  const [q, setQ] = useState('')
  const [found, setFound] = useState<StaffResident[]>()
  const search = useAction(async () => setFound(await staffApi.residents(q.trim())))
  return (
    <StaffGate area='todo' title='查找居民' testId='lookup'>
      {() => (
        <View style={{ maxWidth: '720px' }}>
          <Field label='姓名、身份证号后4位或手机号' testId='lookup-q' value={q} onInput={setQ} placeholder='例如：李老汉 / 1234 / 13800138000' />
          <BigButton testId='lookup-search' loading={search.busy} disabled={!q.trim()} onClick={() => search.run()}>
            查找
          </BigButton>
          <ErrorMessage error={search.error} />
          {found && found.length === 0 && (
            <View className='state__text' data-testid='lookup-empty'>
              本团队签约居民中没有找到
            </View>
          )}
          {found?.map((p) => (
            <View className='card card--tap' key={p.id} data-testid='lookup-result' onClick={() => go(withQuery(ROUTES.fieldworkResident, { personId: p.id }))}>
              <View className='card__title'>{p.name} ›</View>
              <View className='muted'>
                身份证号：{p.idNumberMasked}
                {p.age !== undefined ? ` · ${p.age}岁` : ''}
              </View>
            </View>
          ))}
        </View>
      )}
    </StaffGate>
  )
}
