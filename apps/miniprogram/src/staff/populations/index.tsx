import { useState } from 'react'
import Taro from '@tarojs/taro'
import { View } from '@tarojs/components'
import { ApiError } from '../../api/client'
import { indicatorsApi, type Population, type PopulationList } from '../../api/indicators'
import { downloadXlsx } from '../../api/staff'
import { BigButton, Field } from '../../components/Form'
import { ErrorMessage, StateView } from '../../components/StateView'
import { useAction, useRequest } from '../../hooks/useRequest'
import { formatDateTime } from '../../format'
import { StaffGate } from '../StaffGate'
import '../charts/dashboard.css'

const digits = (value: string) => value.replace(/[^\d]/g, '')

function CommunityForm({ item, groups, onSaved }: { item: Population; groups: PopulationList['groups']; onSaved: () => void }) {
  const [residents, setResidents] = useState(item.residents === null ? '' : String(item.residents))
  const [counts, setCounts] = useState<Record<string, string>>(Object.fromEntries(groups.map((g) => [g.code, String(item.groups[g.code] ?? '')])))
  const save = useAction(async () => {
    const groupCounts = Object.fromEntries(
      Object.entries(counts)
        .filter(([, v]) => v !== '')
        .map(([k, v]) => [k, Number(v)]),
    )
    await indicatorsApi.savePopulation({ communityId: item.communityId, year: item.year, residents: Number(residents), groups: groupCounts })
    Taro.showToast({ title: '已保存', icon: 'success' })
    onSaved()
  })
  const fieldError = (field: string) => (save.error instanceof ApiError ? save.error.fieldMessage(field) : undefined)
  return (
    <View className='card' data-testid='population-form'>
      <View className='card__title'>
        {item.communityName}
        <View className='muted'>
          {item.institutionName}
          {item.updatedAt ? ` · 更新于 ${formatDateTime(item.updatedAt)}` : ' · 尚未填写'}
        </View>
      </View>
      <Field
        label='常住人口'
        type='number'
        value={residents}
        onInput={(v) => setResidents(digits(v))}
        testId='population-residents'
        error={fieldError('residents')}
      />
      <View className='pop__groups'>
        {groups.map((g) => (
          <Field
            key={g.code}
            label={g.label}
            type='number'
            value={counts[g.code]}
            onInput={(v) => setCounts({ ...counts, [g.code]: digits(v) })}
            testId={`population-${g.code}`}
            error={fieldError(`groups.${g.code}`)}
          />
        ))}
      </View>
      <ErrorMessage error={save.error} />
      <BigButton testId='population-save' small loading={save.busy} disabled={residents === ''} onClick={() => save.run()}>
        保存
      </BigButton>
    </View>
  )
}

/** Reads a chosen .xlsx as base64: an <input type=file> in H5, a chat file in the mini-program. */
async function chooseWorkbook(): Promise<string | null> {
  if (process.env.TARO_ENV === 'h5') {
    return new Promise((resolve) => {
      const input = document.createElement('input')
      input.type = 'file'
      input.accept = '.xlsx'
      input.setAttribute('data-testid', 'population-file')
      input.style.display = 'none'
      input.onchange = () => {
        const file = input.files?.[0]
        input.remove()
        if (!file) return resolve(null)
        const reader = new FileReader()
        reader.onload = () => resolve(String(reader.result).split(',')[1] ?? null)
        reader.readAsDataURL(file)
      }
      document.body.appendChild(input)
      input.click()
    })
  }
  const chosen = await Taro.chooseMessageFile({ count: 1, type: 'file', extension: ['xlsx'] })
  const path = chosen.tempFiles[0]?.path
  if (!path) return null
  return (await Taro.getFileSystemManager().readFileSync(path, 'base64')) as string
}

function Importer({ year, onImported }: { year: number; onImported: () => void }) {
  const [result, setResult] = useState<string>()
  const template = useAction(() => downloadXlsx(indicatorsApi.populationTemplateUrl(year), `${year}年人口数据导入模板.xlsx`))
  const upload = useAction(async () => {
    setResult(undefined)
    const fileBase64 = await chooseWorkbook()
    if (!fileBase64) return
    const imported = await indicatorsApi.importPopulations({ year, fileBase64 })
    setResult(`已导入 ${imported.imported} 个村/社区的 ${imported.year} 年数据`)
    onImported()
  })
  const rowErrors = upload.error instanceof ApiError ? upload.error.details : []
  return (
    <View className='card' data-testid='population-import'>
      <View className='card__title'>从Excel导入</View>
      <View className='muted'>先下载模板（已列出您管辖的村/社区），按公卫系统数据填写后上传。任何一行有误时整份文件都不会导入，并逐行列出错误。</View>
      <View className='row'>
        <BigButton testId='population-template' kind='plain' small loading={template.busy} onClick={() => template.run()}>
          下载模板
        </BigButton>
        <BigButton testId='population-upload' small loading={upload.busy} onClick={() => upload.run()}>
          上传填好的文件
        </BigButton>
      </View>
      {result && (
        <View className='note' data-testid='population-import-result'>
          {result}
        </View>
      )}
      {upload.error instanceof ApiError && (
        <View className='import-errors' data-testid='population-import-errors'>
          <View>{upload.error.message}</View>
          {rowErrors.map((e) => (
            <View key={e.field}>{e.message}</View>
          ))}
        </View>
      )}
      {upload.error !== undefined && !(upload.error instanceof ApiError) && <ErrorMessage error={upload.error} />}
    </View>
  )
}

function Populations({ canEdit }: { canEdit: boolean }) {
  const [year, setYear] = useState(new Date().getFullYear())
  const list = useRequest(() => indicatorsApi.populations(year), [year])
  return (
    <View>
      <View className='row'>
        <BigButton testId='population-year-prev' kind='plain' small onClick={() => setYear(year - 1)}>
          ‹ {year - 1}年
        </BigButton>
        <View className='section-title' data-testid='population-year'>
          {year}年 常住人口与重点人群
        </View>
        <BigButton testId='population-year-next' kind='plain' small onClick={() => setYear(year + 1)}>
          {year + 1}年 ›
        </BigButton>
      </View>
      <View className='note'>这些人数是签约率的分母，请按公共卫生系统的数据填写；机构和全县的数字由各村/社区相加。</View>
      {canEdit && <Importer year={year} onImported={list.reload} />}
      <StateView state={list} isEmpty={(l) => l.items.length === 0} emptyText='没有可填写的村/社区'>
        {(l) =>
          canEdit ? (
            <View>
              {l.items.map((item) => (
                <CommunityForm key={`${item.communityId}-${year}-${item.updatedAt ?? ''}`} item={item} groups={l.groups} onSaved={list.reload} />
              ))}
            </View>
          ) : (
            <View>
              {l.items.map((item) => (
                <View className='card' key={item.communityId}>
                  <View className='card__title'>{item.communityName}</View>
                  <View className='muted'>常住人口 {item.residents ?? '未填写'}</View>
                </View>
              ))}
            </View>
          )
        }
      </StateView>
    </View>
  )
}

export default function StaffPopulationsPage() {
  return (
    <StaffGate area='dashboard' title='人口数据' testId='staff-populations'>
      {(user) => <Populations canEdit={user.role === 'clinicAdmin' || user.role === 'regionAdmin'} />}
    </StaffGate>
  )
}
