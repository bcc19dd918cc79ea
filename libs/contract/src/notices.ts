import { NOTICE_KINDS } from '@jiayi/domain';
import { DateTimeString, Nullable, StringEnum, Type, type Static } from './schema';

/** An event told to the resident (GET /api/notices). */
export const NoticeSchema = Type.Object({
  id: Type.String(),
  personId: Type.String({ description: 'whom it is about: the account holder or a family member' }),
  kind: StringEnum(NOTICE_KINDS),
  title: Type.String(),
  body: Type.String(),
  refType: Type.String(),
  refId: Type.String(),
  page: Type.String({ description: 'the mini-program page that shows it' }),
  createdAt: DateTimeString(),
  readAt: Nullable(DateTimeString()),
});
export type Notice = Static<typeof NoticeSchema>;
