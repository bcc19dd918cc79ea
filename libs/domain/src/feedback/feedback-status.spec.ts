import { checkFeedbackTransition } from './feedback-status';

describe('checkFeedbackTransition', () => {
  it('moves forward only, and closes only with a reply', () => {
    expect(checkFeedbackTransition('open', 'inProgress', '')).toEqual({ ok: true, value: 'inProgress' });
    expect(checkFeedbackTransition('inProgress', 'closed', '已联系王医生上门复诊')).toEqual({ ok: true, value: 'closed' });
    expect(checkFeedbackTransition('open', 'closed', '  ')).toMatchObject({ ok: false, code: 'FEEDBACK.REPLY_REQUIRED', field: 'reply' });
    expect(checkFeedbackTransition('closed', 'inProgress', '')).toMatchObject({ ok: false, code: 'FEEDBACK.INVALID_TRANSITION' });
    expect(checkFeedbackTransition('inProgress', 'open', '')).toMatchObject({ ok: false, code: 'FEEDBACK.INVALID_TRANSITION' });
  });
});
