import { meApi } from '../api/me'
import { hasCurrentConsent } from '../consent'
import { ROUTES } from '../routes'
import { replace } from '../navigation'

/** After a resident signs in: privacy consent first, then the profile, then home. */
export async function continueAfterLogin(): Promise<void> {
  const me = await meApi.get()
  if (!hasCurrentConsent(me)) replace(ROUTES.privacy)
  else if (!me.person) replace(ROUTES.profile)
  else replace(ROUTES.home)
}
