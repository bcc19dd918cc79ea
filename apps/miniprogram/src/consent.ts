import Taro from '@tarojs/taro'
import { PRIVACY_POLICY_VERSION } from '@jiayi/domain'
import type { Me } from './api/types'

const CONSENT_KEY = 'jiayi.consent'

interface LocalConsent {
  privacyPolicyVersion: string
  sensitiveConsent: boolean
}

/**
 * The privacy guide is accepted on its own page, but recorded by the API only with the profile
 * (PUT /api/me/profile carries the version and the separate consent). Until then it waits here.
 */
export function rememberConsent(sensitiveConsent: boolean): void {
  Taro.setStorageSync(CONSENT_KEY, { privacyPolicyVersion: PRIVACY_POLICY_VERSION, sensitiveConsent })
}

/** After the consent is withdrawn (or the account closed): the next signing step asks for it again. */
export function forgetConsent(): void {
  Taro.removeStorageSync(CONSENT_KEY)
}

export function hasCurrentConsent(me: Me | undefined): boolean {
  if (me?.consent.sensitiveConsent && me.consent.privacyPolicyVersion === PRIVACY_POLICY_VERSION) return true
  const local: LocalConsent | '' = Taro.getStorageSync(CONSENT_KEY)
  return !!local && local.sensitiveConsent && local.privacyPolicyVersion === PRIVACY_POLICY_VERSION
}

export { PRIVACY_POLICY_VERSION }
