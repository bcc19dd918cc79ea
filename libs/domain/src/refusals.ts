/**
 * Every refusal code of Jiayi, with its kind — the one table that decides the HTTP status of a
 * refusal (the API maps `badInput` to 400 and `rule` to 409 in `common/api-error.ts`, nowhere else):
 * - `badInput`: what was sent is malformed or unknown (a wrong check character, an unknown package);
 * - `rule`: the input is well formed but a rule of the domain says no (capacity full, already signed).
 * A new code is added here first; `refuse()` accepts only codes of this table.
 */
export const REFUSAL_KINDS = {
  'ID.REQUIRED': 'badInput',
  'ID.LENGTH': 'badInput',
  'ID.CHARACTERS': 'badInput',
  'ID.CHECK_CHARACTER': 'badInput',
  'ID.BIRTH_DATE': 'badInput',
  'ID.LEGACY_15': 'badInput',
  'PERSON.NAME_REQUIRED': 'badInput',
  'PERSON.NAME_TOO_LONG': 'badInput',
  'PERSON.NAME_INVALID': 'badInput',
  'PERSON.ALREADY_REGISTERED': 'rule',
  'PERSON.HAS_CONTRACTS': 'rule',
  'PROFILE.REQUIRED': 'rule',
  'PROFILE.COMMUNITY_REQUIRED': 'rule',

  'PACKAGE.CODE': 'badInput',
  'PACKAGE.KIND': 'badInput',
  'PACKAGE.NAME_REQUIRED': 'badInput',
  'PACKAGE.TARGET_REQUIRED': 'badInput',
  'PACKAGE.UNKNOWN_TAG': 'badInput',
  'PACKAGE.ITEM_NAME_REQUIRED': 'badInput',
  'PACKAGE.ITEM_AMOUNT': 'badInput',
  'PACKAGE.ITEM_SPLIT_MISMATCH': 'badInput',
  'PACKAGE.UNKNOWN_INCLUDED': 'badInput',
  'PACKAGE.INCLUDE_DUPLICATE': 'badInput',
  'PACKAGE.INCLUDE_CYCLE': 'badInput',
  'PACKAGE.REFERENCE': 'badInput',
  'PACKAGE.INSURANCE_CAP_EXCEEDED': 'rule',
  'PACKAGE.CODE_TAKEN': 'rule',
  'PACKAGE.CODE_IMMUTABLE': 'rule',

  'POLICY.DOCTOR_CAPACITY': 'badInput',
  'POLICY.MAX_PERSONALISED': 'badInput',
  'POLICY.RENEWAL_WINDOW': 'badInput',
  'POLICY.WAIVER_TAGS': 'badInput',
  'POLICY.WAIVER_PACKAGE_KINDS': 'badInput',
  'POLICY.WAIVER_PAYER': 'badInput',
  'POLICY.SUBSIDY_NAME': 'badInput',
  'POLICY.SUBSIDY_MIN_AGE': 'badInput',
  'POLICY.SUBSIDY_AMOUNT': 'badInput',
  'POLICY.SUBSIDY_PAYERS': 'badInput',
  'POLICY.SUBSIDY_SPLIT': 'badInput',

  'QUOTE.YEARS': 'badInput',
  'QUOTE.UNKNOWN_PACKAGE': 'badInput',
  'QUOTE.DUPLICATE_PACKAGE': 'badInput',
  'QUOTE.BASIC_REQUIRED': 'rule',
  'QUOTE.NOT_ELIGIBLE': 'rule',
  'QUOTE.TOO_MANY_PERSONALISED': 'rule',

  'CONTRACT.TERMINATION_REASON': 'badInput',
  'CONTRACT.REJECTION_REASON': 'rule',
  'CONTRACT.CAPACITY_FULL': 'rule',
  'CONTRACT.TEAM_CAPACITY_FULL': 'rule',
  'CONTRACT.ALREADY_SIGNED': 'rule',
  'CONTRACT.NOT_PENDING': 'rule',
  'CONTRACT.NOT_ACTIVE': 'rule',
  'CONTRACT.OUTSIDE_RENEWAL_WINDOW': 'rule',
  'CONTRACT.ALREADY_RENEWED': 'rule',
  'CONTRACT.NOT_TERMINABLE': 'rule',
  'CONTRACT.INVALID_TRANSITION': 'rule',
  'CONTRACT.TEAM_NOT_SERVING': 'rule',
  'CONTRACT.AGREEMENT_OUTDATED': 'rule',
  'CONTRACT.GUARDIAN_CONSENT_REQUIRED': 'rule',
  'CONTRACT.INSURANCE_AUTHORIZATION_REQUIRED': 'rule',
  'CONTRACT.DOCTOR_NOT_IN_TEAM': 'rule',
  'CONTRACT.FEES_CHANGED': 'rule',
  'CONTRACT.SAME_TEAM': 'rule',
  'CONTRACT.REASON_NOT_ALLOWED': 'rule',

  // Change of team waits for the new team (issue 13)
  'CONTRACT.CHANGE_PENDING': 'rule',
  // The staff list filtered by an encrypted field (package, phone) over too many rows
  'CONTRACT.LIST_TOO_BROAD': 'badInput',

  'QUESTIONNAIRE.TITLE': 'badInput',
  'QUESTIONNAIRE.CODE': 'badInput',
  'QUESTIONNAIRE.VERSION': 'badInput',
  'QUESTIONNAIRE.NO_QUESTIONS': 'badInput',
  'QUESTIONNAIRE.QUESTION_ID': 'badInput',
  'QUESTIONNAIRE.QUESTION_TITLE': 'badInput',
  'QUESTIONNAIRE.QUESTION_TYPE': 'badInput',
  'QUESTIONNAIRE.OPTIONS': 'badInput',
  'QUESTIONNAIRE.SCORE': 'badInput',
  'QUESTIONNAIRE.SHOW_IF': 'badInput',
  'QUESTIONNAIRE.INDICATOR': 'badInput',
  'QUESTIONNAIRE.VERSION_TAKEN': 'rule',

  'SURVEY.UNKNOWN_QUESTION': 'badInput',
  'SURVEY.DUPLICATE_QUESTION': 'badInput',
  'SURVEY.UNKNOWN_OPTION': 'badInput',
  'SURVEY.ANSWER_TYPE': 'badInput',
  'SURVEY.SINGLE_CHOICE_MULTIPLE': 'badInput',
  'SURVEY.TEXT_TOO_LONG': 'badInput',
  'SURVEY.REQUIRED': 'badInput',
  'SURVEY.HIDDEN_QUESTION_ANSWERED': 'badInput',
  'SURVEY.NOT_OPEN': 'rule',
  'SURVEY.CLOSED': 'rule',
  'SURVEY.ALREADY_ANSWERED': 'rule',
  // Referrals (issue 9): slot pools, holds, bookings, outcomes, feedback, down-referrals
  'REFERRAL.NO_ACTIVE_CONTRACT': 'rule',
  'REFERRAL.SLOT_PAST': 'rule',
  'REFERRAL.POOL_CLOSED': 'rule',
  'REFERRAL.SLOT_FULL': 'rule',
  'REFERRAL.ALREADY_OPEN': 'rule',
  'REFERRAL.INVALID_TRANSITION': 'rule',
  'REFERRAL.HOLD_EXPIRED': 'rule',
  'REFERRAL.CAPACITY_BELOW_HELD': 'rule',
  'REFERRAL.POOL_EXISTS': 'rule',
  'REFERRAL.CANCEL_TOO_LATE': 'rule',
  'REFERRAL.OUTCOME_TOO_EARLY': 'rule',
  'REFERRAL.NOT_VISITED': 'rule',
  'REFERRAL.DOWN_ALREADY_SENT': 'rule',
  'REFERRAL.DOWN_ALREADY_ACKNOWLEDGED': 'rule',
  'REFERRAL.UNKNOWN_DEPARTMENT': 'badInput',
  'REFERRAL.POOL_DATE': 'badInput',
  'REFERRAL.DATE_RANGE': 'badInput',
  'REFERRAL.CAPACITY': 'badInput',

  // Health information pushes, subscribe messages, uploads, resident feedback (issue 10)
  'PUSH.TITLE': 'badInput',
  'PUSH.SUMMARY': 'badInput',
  'PUSH.BODY_EMPTY': 'badInput',
  'PUSH.BODY_TOO_LONG': 'badInput',
  'PUSH.COVER_URL': 'badInput',
  'PUSH.AUDIENCE_AGE': 'badInput',
  'PUSH.AUDIENCE_TAG': 'badInput',
  'PUSH.AUDIENCE_AREA': 'badInput',
  'PUSH.PUBLISH_AT_PAST': 'badInput',
  'PUSH.ALREADY_WITHDRAWN': 'rule',
  'SUBSCRIPTION.UNKNOWN_TEMPLATE': 'badInput',
  'SUBSCRIPTION.TOO_MANY': 'badInput',
  'SUBSCRIPTION.MIXED_KINDS': 'badInput',
  'UPLOAD.TYPE': 'badInput',
  'UPLOAD.TOO_LARGE': 'badInput',
  'FEEDBACK.TEXT': 'badInput',
  'FEEDBACK.PHOTO_URL': 'badInput',
  'FEEDBACK.NO_TEAM': 'rule',
  'FEEDBACK.INVALID_TRANSITION': 'rule',
  'FEEDBACK.REPLY_REQUIRED': 'rule',

  // Performance-evaluation dashboard: population figures and the region's indicator targets.
  'POPULATION.COUNT': 'badInput',
  'POPULATION.GROUP': 'badInput',
  'POPULATION.GROUP_EXCEEDS': 'badInput',
  'POPULATION.COMMUNITY': 'badInput',
  'POPULATION.YEAR': 'badInput',
  'POPULATION.IMPORT': 'badInput',
  'INDICATOR.UNKNOWN': 'badInput',
  'INDICATOR.TARGET': 'badInput',
  'INDICATOR.POINTS': 'badInput',
  'INDICATOR.SCORING': 'badInput',
  'INDICATOR.NO_PEOPLE': 'rule',

  // Service delivery (履约): on-site signing, service records, non-signing categories
  'SERVICE.MEASUREMENT_RANGE': 'badInput',
  'SERVICE.BLOOD_PRESSURE_PAIR': 'badInput',
  'SERVICE.DATE_IN_FUTURE': 'badInput',
  'SERVICE.DATE_OUTSIDE_CONTRACT': 'badInput',
  'SERVICE.UNKNOWN_PLAN_ITEM': 'badInput',
  'SERVICE.SIGNATURE_IMAGE': 'badInput',
  'SERVICE.NOT_CURRENT': 'rule',
  'SERVICE.ALREADY_CONFIRMED': 'rule',
  'SERVICE.CONTRACT_NOT_ACTIVE': 'rule',
  'ONSITE.DUPLICATE_PERSON': 'badInput',
  'POLICY.TEAM_CAPACITY': 'badInput',
  'ONSITE.PERSON_HAS_ACCOUNT': 'rule',
  // PIPL rights of the resident: consent withdrawn (art. 15), account closure (art. 47)
  'CONSENT.WITHDRAWN': 'rule',
  'ACCOUNT.OPEN_CONTRACTS': 'rule',
} as const satisfies Record<string, RefusalKind>;

/** Whether a refusal is about what was sent (400) or a rule of the domain saying no (409). */
export type RefusalKind = 'badInput' | 'rule';

/** A refusal code of the table above. */
export type RefusalCode = keyof typeof REFUSAL_KINDS;

/**
 * The kind of a refusal code.
 * @example refusalKind('CONTRACT.CAPACITY_FULL') // → 'rule'
 */
export function refusalKind(code: RefusalCode): RefusalKind {
  return REFUSAL_KINDS[code];
}
