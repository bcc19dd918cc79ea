import { useState } from 'react'
import { View } from '@tarojs/components'
import type { OnsiteMemberInput, OnsiteQuote, OnsiteSigning } from '@jiayi/contract'
import { ageOn, type KeyGroupTag } from '@jiayi/domain'
import { catalogApi } from '../../api/catalog'
import { fieldworkApi } from '../../api/services'
import { staffApi } from '../../api/staff'
import { ApiError } from '../../api/client'
import { BigButton, CheckItem, Field, OptionRow } from '../../components/Form'
import { FeeTable } from '../../components/FeeTable'
import { DeclaredTagsPicker, IdNumberField, checkIdNumber, isPhoneNumber, today } from '../../components/PersonFields'
import { SignaturePad } from '../../components/SignaturePad'
import { ErrorMessage, StateView, isEmptyList } from '../../components/StateView'
import { useAction, useRequest } from '../../hooks/useRequest'
import { RELATIONS, relationLabel } from '../../labels'
import { formatDate } from '../../format'
import { ROUTES, withQuery } from '../../routes'
import { go } from '../../navigation'
import { StaffGate } from '../../staff/StaffGate'

const BASIC = ['basicPublicHealth', 'basicMedical']

interface MemberDraft {
  name: string
  idNumber: string
  phone: string
  relation: OnsiteMemberInput['relation']
  declaredTags: KeyGroupTag[]
  guardianConsent: boolean
  personalPackage: string
}

const emptyMember = (relation: MemberDraft['relation']): MemberDraft => ({
  name: '',
  idNumber: '',
  phone: '',
  relation,
  declaredTags: [],
  guardianConsent: false,
  personalPackage: '',
})

function isChild(idNumber: string): boolean {
  const { parsed } = checkIdNumber(idNumber)
  return !!parsed && ageOn(parsed.birthDate, today()) < 14
}

function MemberForm({
  index,
  member,
  onChange,
  onRemove,
  attempted,
  error,
}: {
  index: number
  member: MemberDraft
  onChange: (m: MemberDraft) => void
  onRemove?: () => void
  attempted: boolean
  error?: ApiError
}) {
  const set = (patch: Partial<MemberDraft>) => onChange({ ...member, ...patch })
  const head = index === 0
  const field = (name: string) => error?.fieldMessage(`members[${index}].${name}`)
  return (
    <View className='card' data-testid={`member-${index}`}>
      <View className='card__title'>{head ? '户主（本人）' : `家庭成员 ${index}`}</View>
      <Field
        label='姓名'
        testId={`member-${index}-name`}
        value={member.name}
        onInput={(name) => set({ name })}
        error={field('name') ?? (attempted && !member.name.trim() ? '请填写姓名' : undefined)}
      />
      <IdNumberField
        testId={`member-${index}-id`}
        value={member.idNumber}
        onInput={(idNumber) => set({ idNumber })}
        showRequired={attempted}
        serverError={field('idNumber')}
      />
      <Field
        label={head ? '手机号（居民以后凭身份证号和手机号在微信中认领）' : '手机号（可不填）'}
        testId={`member-${index}-phone`}
        type='number'
        maxlength={11}
        value={member.phone}
        onInput={(phone) => set({ phone })}
        error={field('phone') ?? ((member.phone || (head && attempted)) && !isPhoneNumber(member.phone) ? '请填写11位手机号' : undefined)}
      />
      {!head && (
        <View>
          <View className='field__label'>与户主的关系</View>
          <View className='row'>
            {RELATIONS.map((r) => (
              <View key={r} style={{ flex: '1 1 120px' }}>
                <OptionRow testId={`member-${index}-relation-${r}`} selected={member.relation === r} onClick={() => set({ relation: r })}>
                  {relationLabel(r)}
                </OptionRow>
              </View>
            ))}
          </View>
        </View>
      )}
      <DeclaredTagsPicker testIdPrefix={`member-${index}-tag`} value={member.declaredTags} onChange={(declaredTags) => set({ declaredTags })} />
      {isChild(member.idNumber) && (
        <CheckItem testId={`member-${index}-guardian`} checked={member.guardianConsent} onChange={(guardianConsent) => set({ guardianConsent })}>
          监护人已当场同意为未满14周岁的孩子签约并处理其个人信息
        </CheckItem>
      )}
      {onRemove && (
        <BigButton testId={`member-${index}-remove`} kind='plain' small onClick={onRemove}>
          移除这位成员
        </BigButton>
      )}
    </View>
  )
}

function Success({ result }: { result: OnsiteSigning }) {
  return (
    <View data-testid='onsite-success'>
      <View className='note'>签约已生效（医生代签，上门签约）。居民以后用微信登录并填写相同的身份证号和手机号，即可看到签约和服务记录。</View>
      {result.contracts.map((c) => (
        <View
          className='card card--tap'
          key={c.id}
          data-testid='onsite-contract'
          onClick={() => go(withQuery(ROUTES.fieldworkResident, { personId: c.personId }))}
        >
          <View className='card__row'>
            <View className='card__title'>{c.personName}</View>
            <View className='badge badge--active'>已生效</View>
          </View>
          <View className='muted'>身份证号：{c.idNumberMasked}</View>
          <View className='muted'>
            签约期：{formatDate(c.startDate)} 至 {formatDate(c.endDate)}
          </View>
          <View className='muted'>查看服务计划、记录服务 ›</View>
        </View>
      ))}
    </View>
  )
}

export default function OnsiteSigningPage() {
  return (
    <StaffGate area='fieldwork' title='上门签约' testId='onsite'>
      {(user) => <OnsiteForm defaultTeamId={user.teamId} />}
    </StaffGate>
  )
}

function OnsiteForm({ defaultTeamId }: { defaultTeamId?: string }) {
  const communities = useRequest(() => catalogApi.communities(), [])
  const teams = useRequest(() => staffApi.teams(), [])
  const agreement = useRequest(() => catalogApi.currentAgreement(), [])
  const [teamId, setTeamId] = useState(defaultTeamId ?? '')
  const [communityId, setCommunityId] = useState('')
  const [members, setMembers] = useState<MemberDraft[]>([emptyMember('self')])
  const [years, setYears] = useState(1)
  const [quote, setQuote] = useState<OnsiteQuote>()
  const [agreed, setAgreed] = useState(false)
  const [insuranceAuthorized, setInsuranceAuthorized] = useState(true)
  const [signature, setSignature] = useState('')
  const [attempted, setAttempted] = useState(false)
  const [result, setResult] = useState<OnsiteSigning>()

  const packagesOf = (m: MemberDraft) => (m.personalPackage ? [...BASIC, m.personalPackage] : BASIC)
  const memberInput = (m: MemberDraft): OnsiteMemberInput => ({
    name: m.name.trim(),
    idNumber: checkIdNumber(m.idNumber).parsed?.idNumber ?? m.idNumber.trim(),
    phone: m.phone.trim() || undefined,
    relation: m.relation,
    declaredTags: m.declaredTags,
    packageCodes: packagesOf(m),
    ...(isChild(m.idNumber) ? { guardianConsent: m.guardianConsent } : {}),
  })
  const membersValid = members.every(
    (m, i) => m.name.trim() && !checkIdNumber(m.idNumber).message && (i > 0 || isPhoneNumber(m.phone)) && (!m.phone || isPhoneNumber(m.phone)),
  )

  const price = useAction(async (list: MemberDraft[]) => {
    setQuote(
      await fieldworkApi.onsiteQuote({
        communityId,
        years,
        packageCodes: BASIC,
        members: list.map((m) => ({ idNumber: memberInput(m).idNumber, declaredTags: m.declaredTags, packageCodes: packagesOf(m) })),
      }),
    )
  })
  /** Choosing a personalised package prices the household again, keeping the choices on screen. */
  const choosePackage = (i: number, code: string) => {
    const next = members.map((m, j) => (j === i ? { ...m, personalPackage: code } : m))
    setMembers(next)
    price.run(next)
  }
  const sign = useAction(async () => {
    const agreementVersion = agreement.data?.version ?? ''
    setResult(
      await fieldworkApi.signOnSite({
        teamId,
        communityId,
        years,
        agreementVersion,
        insuranceAuthorized,
        signature,
        packageCodes: BASIC,
        members: members.map(memberInput),
      }),
    )
  })
  const change = (i: number, m: MemberDraft) => {
    setMembers(members.map((old, j) => (j === i ? m : old)))
    setQuote(undefined)
  }
  const serverError = (sign.error ?? price.error) instanceof ApiError ? ((sign.error ?? price.error) as ApiError) : undefined

  if (result) return <Success result={result} />
  return (
    <View style={{ maxWidth: '720px' }}>
      <View className='section-title'>1. 团队和村/社区</View>
      <StateView state={teams} isEmpty={isEmptyList} emptyText='没有可选的团队'>
        {(list) =>
          list.map((t) => (
            <OptionRow key={t.id} testId='onsite-team' selected={teamId === t.id} onClick={() => setTeamId(t.id)}>
              <View className='option__title'>{t.name}</View>
            </OptionRow>
          ))
        }
      </StateView>
      <StateView state={communities} isEmpty={isEmptyList} emptyText='没有可选的村/社区'>
        {(list) => (
          <View className='row'>
            {list.map((c) => (
              <View key={c.id} style={{ flex: '1 1 160px' }}>
                <OptionRow
                  testId='onsite-community'
                  selected={communityId === c.id}
                  onClick={() => {
                    setCommunityId(c.id)
                    setQuote(undefined)
                  }}
                >
                  {c.name}
                </OptionRow>
              </View>
            ))}
          </View>
        )}
      </StateView>

      <View className='section-title'>2. 登记家庭成员</View>
      {members.map((m, i) => (
        <MemberForm
          key={i}
          index={i}
          member={m}
          attempted={attempted}
          error={serverError}
          onChange={(next) => change(i, next)}
          onRemove={
            i > 0
              ? () => {
                  setMembers(members.filter((_, j) => j !== i))
                  setQuote(undefined)
                }
              : undefined
          }
        />
      ))}
      <BigButton testId='onsite-add-member' kind='plain' onClick={() => setMembers([...members, emptyMember('spouse')])}>
        ＋ 添加家庭成员
      </BigButton>

      <View className='section-title'>3. 服务包和费用</View>
      <View className='row'>
        {[1, 2, 3].map((y) => (
          <View key={y} style={{ flex: '1 1 100px' }}>
            <OptionRow
              testId={`onsite-years-${y}`}
              selected={years === y}
              onClick={() => {
                setYears(y)
                setQuote(undefined)
              }}
            >
              {y}年
            </OptionRow>
          </View>
        ))}
      </View>
      <BigButton testId='onsite-price' kind='plain' loading={price.busy} disabled={!communityId || !membersValid} onClick={() => price.run(members)}>
        计算每人费用
      </BigButton>
      <ErrorMessage error={price.error} testId='onsite-price-error' />
      {quote &&
        quote.members.map((q, i) => (
          <View className='card' key={i} data-testid={`onsite-quote-${i}`}>
            <View className='card__title'>{members[i]?.name || `成员 ${i + 1}`}</View>
            {q.offered.filter((p) => p.kind === 'personalised').length > 0 && (
              <View>
                <View className='field__label'>个性化服务包（可选一个）</View>
                <OptionRow testId={`onsite-package-${i}-none`} selected={!members[i].personalPackage} onClick={() => choosePackage(i, '')}>
                  只签基础服务包
                </OptionRow>
                {q.offered
                  .filter((p) => p.kind === 'personalised')
                  .map((p) => (
                    <OptionRow
                      key={p.code}
                      testId={`onsite-package-${i}-${p.code}`}
                      selected={members[i].personalPackage === p.code}
                      onClick={() => choosePackage(i, p.code)}
                    >
                      {p.name}
                    </OptionRow>
                  ))}
              </View>
            )}
            {q.quote ? (
              <FeeTable quote={q.quote} personName={members[i]?.name} testId={`onsite-fee-${i}`} />
            ) : (
              <View className='form-error'>{q.refusal?.message}</View>
            )}
          </View>
        ))}

      <View className='section-title'>4. 协议和签名</View>
      <StateView state={agreement}>
        {(a) => (
          <View className='card'>
            <View className='card__title'>{a.title}</View>
            <View className='muted' style={{ maxHeight: '160px', overflow: 'auto', whiteSpace: 'pre-wrap' }}>
              {a.text}
            </View>
          </View>
        )}
      </StateView>
      <CheckItem testId='onsite-agreed' checked={agreed} onChange={setAgreed}>
        已向居民宣读签约协议，居民同意签约
      </CheckItem>
      <CheckItem testId='onsite-insurance' checked={insuranceAuthorized} onChange={setInsuranceAuthorized}>
        居民授权医保基金支付医保承担的部分
      </CheckItem>
      <SignaturePad testId='onsite-signature' onChange={setSignature} />
      <ErrorMessage error={sign.error} testId='onsite-error' />
      <BigButton
        testId='onsite-submit'
        loading={sign.busy}
        disabled={!quote || !agreed || !signature || !teamId}
        onClick={() => {
          setAttempted(true)
          if (membersValid) sign.run()
        }}
      >
        确认签约（医生代签）
      </BigButton>
      {(!quote || !agreed || !signature) && (
        <View className='muted' data-testid='onsite-missing'>
          {!quote ? '请先计算每人费用；' : ''}
          {!agreed ? '请向居民宣读协议并勾选；' : ''}
          {!signature ? '请居民手写签名。' : ''}
        </View>
      )}
    </View>
  )
}
