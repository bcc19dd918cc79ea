import * as domain from './index';

// Other packages code against these names; renaming one breaks them.
describe('@jiayi/domain exports', () => {
  it.each([
    'ok', 'refuse',
    'parseIdNumber', 'idCheckCharacter', 'maskIdNumber', 'makeIdNumber',
    'ageOn', 'ageBand', 'addDays', 'addYears', 'daysBetween', 'todayInChina',
    'KEY_GROUPS', 'DECLARABLE_TAGS', 'isKeyGroupTag', 'derivedTags', 'effectiveTags', 'keyGroupLabel',
    'needsGuardianConsent', 'PRIVACY_POLICY_VERSION',
    'formatYuan', 'formatYuanWithUnit', 'yuan',
    'PAYER_LABELS', 'packageYearTotals', 'validatePackage', 'REFERENCE_CATALOG',
    'DEFAULT_REGION_POLICY', 'validateRegionPolicy',
    'offeredPackages', 'checkSelection',
    'quote', 'sumTotals',
    'wilsonInterval', 'rate',
    'CONTRACT_STATUSES', 'TERMINATION_REASONS', 'SIGNED_BY', 'canTransition', 'contractPeriod', 'checkRenewal',
    'checkTermination', 'CONTRACT_REFUSALS',
    'isQuestionShown', 'validateAnswers', 'STANDARD_QUESTIONNAIRE', 'buildQuestionReport', 'indicatorFromCounts',
  ])('exports %s', (name) => {
    expect(domain).toHaveProperty(name);
    expect((domain as Record<string, unknown>)[name]).toBeDefined();
  });
});
