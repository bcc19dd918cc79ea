import Taro from '@tarojs/taro'

/**
 * The signing flow spans several pages (people → team → packages → agreement → submit); its
 * choices live here between them, and in storage so a browser reload does not lose them.
 */
export interface SigningDraft {
  /** Who signs; `self` marks the account holder ("您"), the others are family members. */
  people: { id: string; name: string; self?: boolean }[]
  communityId?: string
  team?: { id: string; name: string }
  doctor?: { id: string; name: string }
  /** Package codes chosen per person id. */
  packages: Record<string, string[]>
  /** Self-pay per person for the whole period, from the last quote (fen). */
  selfPay: Record<string, number>
  years: 1 | 2 | 3
  agreementVersion?: string
  /** Set when the flow changes the team of an existing contract (it is terminated as 改签). */
  changeTeamOf?: string
  /** With changeTeamOf: the contract's team now, which cannot be chosen again. */
  currentTeamId?: string
}

const DRAFT_KEY = 'jiayi.signingDraft'

function empty(): SigningDraft {
  return { people: [], packages: {}, selfPay: {}, years: 1 }
}

export function readDraft(): SigningDraft {
  return { ...empty(), ...(Taro.getStorageSync(DRAFT_KEY) || {}) }
}

export function updateDraft(change: Partial<SigningDraft>): SigningDraft {
  const next = { ...readDraft(), ...change }
  Taro.setStorageSync(DRAFT_KEY, next)
  return next
}

export function startDraft(change: Partial<SigningDraft> = {}): SigningDraft {
  const next = { ...empty(), ...change }
  Taro.setStorageSync(DRAFT_KEY, next)
  return next
}

export function clearDraft(): void {
  Taro.removeStorageSync(DRAFT_KEY)
}
