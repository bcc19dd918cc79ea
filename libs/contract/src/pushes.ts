import {
  KEY_GROUPS,
  PUSH_CATEGORIES,
  PUSH_STATUSES,
  SUBSCRIBE_ANSWERS,
  TEMPLATE_KINDS,
  TEMPLATE_PURPOSES,
  type KeyGroupTag,
  type PushCategory,
  type SubscribeAnswer,
} from '@jiayi/domain';
import { DateTimeString, Nullable, StringEnum, Type, type Static } from './schema';

/** Who a push is for: every given dimension must hold; `tags` is any-of. */
export const PushAudienceSchema = Type.Object({
  institutionId: Type.Optional(Type.String()),
  teamId: Type.Optional(Type.String()),
  tags: Type.Optional(Type.Array(StringEnum(KEY_GROUPS.map((g) => g.code)))),
  minAge: Type.Optional(Type.Integer()),
  maxAge: Type.Optional(Type.Integer()),
  sex: Type.Optional(StringEnum(['male', 'female'] as const)),
  signedOnly: Type.Optional(Type.Boolean({ description: 'true: residents with an active contract only' })),
});
export type PushAudienceShape = Static<typeof PushAudienceSchema>;

/** POST /api/staff/pushes body. `body` is rich text (a safe subset of HTML, sanitised by the server). */
export interface PushInput {
  title: string;
  summary: string;
  body: string;
  category: PushCategory;
  coverUrl?: string;
  audience: AudienceInput;
  /** Absent: publish now. */
  publishAt?: string;
}

export interface AudienceInput {
  institutionId?: string;
  teamId?: string;
  tags?: KeyGroupTag[];
  minAge?: number;
  maxAge?: number;
  sex?: 'male' | 'female';
  signedOnly?: boolean;
}

/** POST /api/staff/pushes/audience-preview body. */
export interface AudiencePreviewInput {
  audience: AudienceInput;
}

export const AudiencePreviewSchema = Type.Object({ count: Type.Integer({ description: 'residents the audience reaches today' }) });
export type AudiencePreview = Static<typeof AudiencePreviewSchema>;

/** A push as staff see it in their list. */
export const StaffPushSchema = Type.Object({
  id: Type.String(),
  title: Type.String(),
  summary: Type.String(),
  body: Type.String({ description: 'sanitised rich text' }),
  category: StringEnum(PUSH_CATEGORIES),
  coverUrl: Nullable(Type.String()),
  status: StringEnum(PUSH_STATUSES),
  audience: PushAudienceSchema,
  institutionId: Type.String(),
  teamId: Nullable(Type.String()),
  authorName: Type.String(),
  publishAt: DateTimeString(),
  withdrawnAt: Nullable(DateTimeString()),
  createdAt: DateTimeString(),
  targeted: Type.Integer({ description: 'persons addressed (0 until a scheduled push is published)' }),
  read: Type.Integer(),
});
export type StaffPush = Static<typeof StaffPushSchema>;

const BreakdownRowSchema = Type.Object({
  key: Type.String(),
  label: Type.String(),
  targeted: Type.Integer(),
  notified: Type.Integer(),
  read: Type.Integer(),
  readRate: Type.Number(),
});

/** GET /api/staff/pushes/:id/stats — rates are fractions in [0, 1]. */
export const PushStatsSchema = Type.Object({
  targeted: Type.Integer(),
  notified: Type.Integer({ description: 'subscribe messages WeChat accepted' }),
  read: Type.Integer({ description: 'persons who opened it (once each)' }),
  notifiedRate: Type.Number(),
  readRate: Type.Number(),
  queued: Type.Integer({ description: 'messages still waiting to be sent' }),
  byTeam: Type.Array(BreakdownRowSchema),
  byKeyGroup: Type.Array(BreakdownRowSchema),
  templates: Type.Array(
    Type.Object({
      templateId: Type.String(),
      purpose: StringEnum(TEMPLATE_PURPOSES),
      refusals: Type.Integer({ description: 'accounts that answered reject or ban' }),
      noQuota: Type.Integer(),
    }),
  ),
});
export type PushStats = Static<typeof PushStatsSchema>;

/**
 * GET /api/staff/pushes/templates — per configured subscribe-message template, over the accounts
 * of the caller's scope (residents of the communities it serves or signed with it): what residents
 * answered, what is left on their ledgers, and what was sent.
 */
export const TemplateStatsSchema = Type.Object({
  templateId: Type.String(),
  purpose: StringEnum(TEMPLATE_PURPOSES),
  kind: StringEnum(TEMPLATE_KINDS),
  title: Type.String(),
  accounts: Type.Integer({ description: 'accounts that answered at least once' }),
  accepts: Type.Integer({ description: 'answers accept' }),
  rejects: Type.Integer({ description: 'answers reject' }),
  bans: Type.Integer({ description: 'answers ban (the user turned the template off)' }),
  filters: Type.Integer({ description: 'answers filter (WeChat filtered the template)' }),
  remaining: Type.Integer({ description: 'one-time subscriptions left, summed over accounts' }),
  longTermOn: Type.Integer({ description: 'accounts with a long-term subscription on' }),
  sent: Type.Integer({ description: 'messages WeChat accepted' }),
  noQuota: Type.Integer({ description: 'messages refused with errcode 43101 (no subscription left)' }),
});
export type TemplateStats = Static<typeof TemplateStatsSchema>;

/** An item of the resident's 资讯 feed. */
export const FeedItemSchema = Type.Object({
  id: Type.String(),
  title: Type.String(),
  summary: Type.String(),
  category: StringEnum(PUSH_CATEGORIES),
  coverUrl: Nullable(Type.String()),
  publishedAt: DateTimeString(),
  read: Type.Boolean(),
  withdrawn: Type.Boolean({ description: 'shown as 已撤回, without its body' }),
});
export type FeedItem = Static<typeof FeedItemSchema>;

/** GET /api/feed/:id */
export const FeedItemDetailSchema = Type.Composite([
  FeedItemSchema,
  Type.Object({ body: Type.String({ description: 'sanitised rich text; empty when withdrawn' }) }),
]);
export type FeedItemDetail = Static<typeof FeedItemDetailSchema>;

/** GET /api/notification-templates: the template ids to ask for, by purpose. */
export const NotificationTemplateSchema = Type.Object({
  purpose: StringEnum(TEMPLATE_PURPOSES),
  templateId: Type.String(),
  kind: StringEnum(TEMPLATE_KINDS),
  title: Type.String(),
});
export type NotificationTemplate = Static<typeof NotificationTemplateSchema>;

/** POST /api/subscriptions body: what wx.requestSubscribeMessage answered. */
export interface SubscriptionsInput {
  results: { templateId: string; status: SubscribeAnswer }[];
}

/** The account's ledger for one template after the answers were recorded. */
export const SubscriptionSchema = Type.Object({
  templateId: Type.String(),
  kind: StringEnum(TEMPLATE_KINDS),
  remaining: Type.Integer({ description: 'one-time: messages still allowed' }),
  longTermOn: Type.Boolean(),
  lastAnswer: StringEnum(SUBSCRIBE_ANSWERS),
});
export type Subscription = Static<typeof SubscriptionSchema>;

/** POST /api/uploads answer. */
export const UploadSchema = Type.Object({ url: Type.String({ description: 'path under /api/uploads/, to use in a push body, cover or feedback' }) });
export type Upload = Static<typeof UploadSchema>;

/** POST /api/uploads body: one image, base64. */
export interface UploadInput {
  contentType: 'image/png' | 'image/jpeg' | 'image/webp';
  data: string;
}
