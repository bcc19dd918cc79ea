/** Where a survey wave runs: a whole region, one institution or one team. */
export const WAVE_SCOPE_TYPES = ['region', 'institution', 'team'] as const;
export type WaveScopeType = (typeof WAVE_SCOPE_TYPES)[number];

/** How an answer arrived: the resident in the mini-program, or staff after a phone interview or on site. */
export const RESPONSE_CHANNELS = ['miniProgram', 'phone', 'onsite'] as const;
export type ResponseChannel = (typeof RESPONSE_CHANNELS)[number];

/** The outcome of a phone follow-up call (电话回访). */
export const CALL_OUTCOMES = ['connected', 'noAnswer', 'emptyNumber', 'wrongNumber', 'refused'] as const;
export type CallOutcome = (typeof CALL_OUTCOMES)[number];
export const CALL_OUTCOME_LABELS: Record<CallOutcome, string> = {
  connected: '接通',
  noAnswer: '无人接听',
  emptyNumber: '空号',
  wrongNumber: '错号',
  refused: '拒访',
};
