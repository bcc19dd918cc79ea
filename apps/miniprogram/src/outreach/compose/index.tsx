import { useState } from 'react'
import { View } from '@tarojs/components'
import { KEY_GROUPS, PUSH_CATEGORIES, PUSH_CATEGORY_LABELS, type KeyGroupTag, type PushCategory } from '@jiayi/domain'
import { outreachApi } from '../../api/outreach'
import { staffApi } from '../../api/staff'
import type { AudienceInput } from '../../api/types'
import { BigButton, CheckItem, Field, OptionRow, TextArea } from '../../components/Form'
import { RichBody } from '../../components/RichBody'
import { ErrorMessage } from '../../components/StateView'
import { useAction, useRequest } from '../../hooks/useRequest'
import { formatDateTime } from '../../format'
import { pickAndUploadImage } from '../../image-upload'
import { ROUTES } from '../../routes'
import { backTo, toast } from '../../navigation'
import { StaffGate } from '../../staff/StaffGate'
import { markupToHtml } from '../body-markup'

const SEXES = [
  { value: undefined, label: '不限' },
  { value: 'male' as const, label: '男' },
  { value: 'female' as const, label: '女' },
]

/** China time (UTC+8) of a date and HH:mm typed by the user, as ISO. */
function publishAtIso(date: string, time: string): string | undefined {
  if (!/^\d{4}-\d{2}-\d{2}$/.test(date) || !/^\d{2}:\d{2}$/.test(time)) return undefined
  return `${date}T${time}:00+08:00`
}

function Compose({ isDoctor }: { isDoctor: boolean }) {
  const teams = useRequest(() => staffApi.teams(), [], { enabled: !isDoctor })
  const [title, setTitle] = useState('')
  const [summary, setSummary] = useState('')
  const [category, setCategory] = useState<PushCategory>('chronicDisease')
  const [markup, setMarkup] = useState('')
  const [coverUrl, setCoverUrl] = useState<string>()
  const [teamId, setTeamId] = useState<string>()
  const [tags, setTags] = useState<KeyGroupTag[]>([])
  const [minAge, setMinAge] = useState('')
  const [maxAge, setMaxAge] = useState('')
  const [sex, setSex] = useState<'male' | 'female'>()
  const [signedOnly, setSignedOnly] = useState(false)
  const [scheduled, setScheduled] = useState(false)
  const [date, setDate] = useState('')
  const [time, setTime] = useState('08:00')
  const [count, setCount] = useState<number>()

  const audience = (): AudienceInput => ({
    ...(teamId ? { teamId } : {}),
    ...(tags.length ? { tags } : {}),
    ...(minAge ? { minAge: Number(minAge) } : {}),
    ...(maxAge ? { maxAge: Number(maxAge) } : {}),
    ...(sex ? { sex } : {}),
    ...(signedOnly ? { signedOnly } : {}),
  })
  const body = markupToHtml(markup)
  const preview = useAction(async () => setCount((await outreachApi.preview(audience())).count))
  const cover = useAction(async () => setCoverUrl(await pickAndUploadImage()))
  const publish = useAction(async () => {
    const publishAt = scheduled ? publishAtIso(date, time) : undefined
    if (scheduled && !publishAt) {
      toast('请按 2026-12-31 和 08:00 的格式填写发布时间')
      return
    }
    await outreachApi.publish({ title, summary, body, category, ...(coverUrl ? { coverUrl } : {}), audience: audience(), ...(publishAt ? { publishAt } : {}) })
    toast(scheduled ? '已定时，到时自动发布' : '已提交，正在发布')
    backTo(ROUTES.outreachPushes)
  })
  const toggleTag = (tag: KeyGroupTag) => {
    setCount(undefined)
    setTags(tags.includes(tag) ? tags.filter((t) => t !== tag) : [...tags, tag])
  }

  return (
    <View className='compose'>
      <View className='compose__form'>
        <Field label='标题' value={title} onInput={setTitle} testId='compose-title' maxlength={100} />
        <Field label='摘要（列表里显示，也用于微信提醒）' value={summary} onInput={setSummary} testId='compose-summary' maxlength={200} />
        <View className='section-title'>分类</View>
        <View className='chips'>
          {PUSH_CATEGORIES.map((c) => (
            <View key={c} className={`chip ${category === c ? 'chip--on' : ''}`} data-testid={`compose-category-${c}`} onClick={() => setCategory(c)}>
              {PUSH_CATEGORY_LABELS[c]}
            </View>
          ))}
        </View>
        <TextArea
          label='正文（“## ”开头为小标题，“- ”开头为列表，**加粗**）'
          value={markup}
          onInput={setMarkup}
          testId='compose-body'
          placeholder={'## 冬季控压\n按时服药，不要自行停药。\n- 少盐\n- 早晚测血压'}
        />
        <BigButton testId='compose-cover' kind='plain' small loading={cover.busy} onClick={() => cover.run()}>
          {coverUrl ? '更换封面图' : '添加封面图（可选）'}
        </BigButton>

        <View className='section-title'>推送对象</View>
        {!isDoctor && (
          <View>
            <OptionRow selected={!teamId} testId='compose-area-institution' onClick={() => setTeamId(undefined)}>
              本机构全部居民
            </OptionRow>
            {(teams.data ?? []).map((team) => (
              <OptionRow key={team.id} selected={teamId === team.id} testId='compose-area-team' onClick={() => setTeamId(team.id)}>
                {team.name}
              </OptionRow>
            ))}
          </View>
        )}
        {isDoctor && <View className='note'>推送给本团队服务的居民</View>}
        <View className='muted'>重点人群（任选其一即推送；不选为不限）</View>
        <View className='chips'>
          {KEY_GROUPS.map((g) => (
            <View
              key={g.code}
              className={`chip ${tags.includes(g.code) ? 'chip--on' : ''}`}
              data-testid={`compose-tag-${g.code}`}
              onClick={() => toggleTag(g.code)}
            >
              {g.label}
            </View>
          ))}
        </View>
        <View className='row'>
          <Field label='最小年龄' value={minAge} onInput={setMinAge} testId='compose-min-age' type='number' />
          <Field label='最大年龄' value={maxAge} onInput={setMaxAge} testId='compose-max-age' type='number' />
        </View>
        <View className='chips'>
          {SEXES.map((s) => (
            <View
              key={s.label}
              className={`chip ${sex === s.value ? 'chip--on' : ''}`}
              data-testid={`compose-sex-${s.value ?? 'any'}`}
              onClick={() => setSex(s.value)}
            >
              {s.label}
            </View>
          ))}
        </View>
        <CheckItem checked={signedOnly} onChange={setSignedOnly} testId='compose-signed-only'>
          只推送给已签约居民
        </CheckItem>
        <BigButton testId='compose-count' kind='plain' loading={preview.busy} onClick={() => preview.run()}>
          计算推送人数
        </BigButton>
        {count !== undefined && (
          <View className='note' data-testid='compose-audience-count'>
            预计推送给 {count} 位居民（含其家庭成员账号）
          </View>
        )}

        <View className='section-title'>发布时间</View>
        <CheckItem checked={!scheduled} onChange={() => setScheduled(false)} testId='compose-now' radio>
          立即发布
        </CheckItem>
        <CheckItem checked={scheduled} onChange={() => setScheduled(true)} testId='compose-scheduled' radio>
          定时发布
        </CheckItem>
        {scheduled && (
          <View className='row'>
            <Field label='日期' value={date} onInput={setDate} testId='compose-date' placeholder='2026-12-31' />
            <Field label='时间' value={time} onInput={setTime} testId='compose-time' placeholder='08:00' />
          </View>
        )}
        <ErrorMessage error={preview.error ?? cover.error ?? publish.error} />
        <BigButton testId='compose-publish' loading={publish.busy} disabled={!title.trim() || !summary.trim() || !body} onClick={() => publish.run()}>
          {scheduled ? '定时发布' : '立即发布'}
        </BigButton>
      </View>

      <View className='compose__preview' data-testid='compose-preview'>
        <View className='section-title'>居民看到的样子</View>
        <View className='card'>
          <View className='card__row'>
            <View className='tag'>{PUSH_CATEGORY_LABELS[category]}</View>
            <View className='badge badge--pending'>● 未读</View>
          </View>
          <View className='card__title'>{title || '（标题）'}</View>
          <View className='muted'>{summary || '（摘要）'}</View>
          <View className='muted'>{formatDateTime(new Date().toISOString())}</View>
        </View>
        <View className='card article'>
          <View className='article__title'>{title || '（标题）'}</View>
          <RichBody html={body || '<p>（正文）</p>'} />
        </View>
      </View>
    </View>
  )
}

export default function ComposePage() {
  return (
    <StaffGate area='pushes' title='写健康资讯' testId='outreach-compose'>
      {(user) => <Compose isDoctor={user.role === 'doctor'} />}
    </StaffGate>
  )
}
