import { FEEDBACK_CATEGORIES, FEEDBACK_KINDS, FEEDBACK_STATUSES, type FeedbackCategory, type FeedbackKind, type FeedbackStatus } from '@jiayi/domain';
import { DateTimeString, Nullable, StringEnum, Type, type Static } from './schema';

/** A resident's feedback or complaint (居民反馈 / 投诉), as the resident and staff see it. */
export const FeedbackSchema = Type.Object({
  id: Type.String(),
  kind: StringEnum(FEEDBACK_KINDS),
  category: StringEnum(FEEDBACK_CATEGORIES),
  text: Type.String(),
  photoUrl: Nullable(Type.String()),
  status: StringEnum(FEEDBACK_STATUSES),
  reply: Nullable(Type.String()),
  teamId: Type.String(),
  teamName: Type.String(),
  handlerName: Nullable(Type.String()),
  createdAt: DateTimeString(),
  closedAt: Nullable(DateTimeString()),
  daysOpen: Type.Integer({ description: 'days from sending to closing (or to now while open)' }),
});
export type Feedback = Static<typeof FeedbackSchema>;

/** The staff queue adds who sent it (name only). */
export const StaffFeedbackSchema = Type.Composite([FeedbackSchema, Type.Object({ residentName: Type.String() })]);
export type StaffFeedback = Static<typeof StaffFeedbackSchema>;

/** POST /api/feedback body. */
export interface FeedbackInput {
  kind: FeedbackKind;
  category: FeedbackCategory;
  text: string;
  photoUrl?: string;
}

/** POST /api/staff/feedback/:id body: take it on, or close it with a reply. */
export interface FeedbackUpdateInput {
  status: FeedbackStatus;
  reply?: string;
}
