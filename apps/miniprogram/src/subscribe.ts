import Taro from '@tarojs/taro'
import { MAX_TEMPLATES_PER_REQUEST, SUBSCRIBE_ANSWERS, type SubscribeAnswer, type TemplatePurpose } from '@jiayi/domain'
import { subscriptionsApi } from './api/feed'
import { errorText } from './api/client'
import { toast } from './navigation'

/**
 * Asks WeChat for the subscribe-message templates of one purpose — only call from a user's tap,
 * WeChat refuses otherwise — and tells the API what the user answered (its ledger counts what may
 * be sent). At most 3 ids of one kind go into one request. Outside WeChat (H5) there is no such
 * prompt: the resident is told where it works instead.
 */
export async function askToSubscribe(purpose: TemplatePurpose): Promise<boolean> {
  if (process.env.TARO_ENV !== 'weapp') {
    toast('消息提醒请在微信小程序中开启')
    return false
  }
  try {
    const templates = (await subscriptionsApi.templates()).filter((t) => t.purpose === purpose)
    const kind = templates[0]?.kind
    const ids = templates
      .filter((t) => t.kind === kind)
      .map((t) => t.templateId)
      .slice(0, MAX_TEMPLATES_PER_REQUEST)
    if (ids.length === 0) return false
    const answer = (await Taro.requestSubscribeMessage({ tmplIds: ids, entityIds: [] })) as unknown as Record<string, string>
    const results = ids
      .filter((id) => (SUBSCRIBE_ANSWERS as readonly string[]).includes(answer[id]))
      .map((id) => ({ templateId: id, status: answer[id] as SubscribeAnswer }))
    if (results.length > 0) await subscriptionsApi.record({ results })
    const accepted = results.some((r) => r.status === 'accept')
    toast(accepted ? '已开启提醒' : '未开启提醒，可随时再开启')
    return accepted
  } catch (error) {
    toast(errorText(error))
    return false
  }
}
