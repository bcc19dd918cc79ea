import { DateTimeString, Type, type Static } from './schema';

/** POST /api/me/consent/withdraw: the separate consent for sensitive information (PIPL arts. 15, 29) withdrawn. */
export const ConsentWithdrawalSchema = Type.Object({
  sensitiveConsent: Type.Boolean({ description: 'always false after a withdrawal; PUT /api/me/profile gives it again' }),
  withdrawnAt: DateTimeString(),
  erasedDeclaredTags: Type.Integer({ description: 'persons of the household whose declared key-group tags were erased' }),
  keptContracts: Type.Integer({ description: 'contracts left as they are: a withdrawal does not undo what was done before it' }),
});
export type ConsentWithdrawal = Static<typeof ConsentWithdrawalSchema>;

/** POST /api/me/close: the account closed and its personal information erased (PIPL art. 47), except what the law keeps. */
export const AccountClosureSchema = Type.Object({
  closedAt: DateTimeString(),
  erasedPersons: Type.Integer({ description: 'household members without any contract, deleted' }),
  keptPersons: Type.Integer({ description: 'members with contracts: name, ID number and birth data kept with the contracts, phone and declared tags erased' }),
  keptContracts: Type.Integer({ description: 'contracts kept for at least five years after they end' }),
  anonymisedSurveyResponses: Type.Integer({ description: 'survey responses unlinked from the person; they stay only in the anonymous statistics' }),
});
export type AccountClosure = Static<typeof AccountClosureSchema>;
