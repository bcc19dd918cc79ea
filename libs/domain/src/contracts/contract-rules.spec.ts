import {
  canTransition,
  checkRenewal,
  checkTermination,
  CONTRACT_REFUSALS,
  CONTRACT_STATUS_LABELS,
  CONTRACT_STATUSES,
  contractPeriod,
  contractRefusal,
  SIGNED_BY,
  SIGNED_BY_LABELS,
  TERMINATION_REASON_LABELS,
  TERMINATION_REASONS,
} from './contract-rules';

describe('contract vocabularies', () => {
  it('lists statuses, termination reasons and signers with Chinese labels', () => {
    expect(CONTRACT_STATUSES).toEqual(['pending', 'active', 'rejected', 'expired', 'terminated']);
    expect(CONTRACT_STATUS_LABELS.active).toBe('已生效');
    expect(TERMINATION_REASONS).toEqual(['movedAway', 'death', 'unreachable', 'refusedService', 'residentRequest', 'changedTeam', 'other']);
    expect(TERMINATION_REASON_LABELS).toEqual({
      movedAway: '迁出',
      death: '死亡',
      unreachable: '连续一年无法联系',
      refusedService: '连续一年拒绝服务',
      residentRequest: '主动解约',
      changedTeam: '改签',
      other: '其他',
    });
    expect(SIGNED_BY).toEqual(['self', 'family', 'doctor']);
    expect(SIGNED_BY_LABELS).toEqual({ self: '本人', family: '家人代签', doctor: '医生代签' });
  });

  it('builds refusals with their standard messages', () => {
    expect(contractRefusal('CONTRACT.CAPACITY_FULL', 'doctorId')).toEqual({
      ok: false,
      code: 'CONTRACT.CAPACITY_FULL',
      message: '该医生签约名额已满，请选择其他医生或团队',
      field: 'doctorId',
    });
    expect(CONTRACT_REFUSALS['CONTRACT.ALREADY_SIGNED']).toBe('已经有一份生效或等待确认的签约，不能重复签约');
  });
});

describe('canTransition', () => {
  it.each([
    ['pending', 'active', true],
    ['pending', 'rejected', true],
    ['pending', 'terminated', true],
    ['active', 'expired', true],
    ['active', 'terminated', true],
    ['active', 'pending', false],
    ['pending', 'expired', false],
    ['rejected', 'active', false],
    ['expired', 'active', false],
    ['terminated', 'active', false],
  ] as const)('%s → %s is %s', (from, to, allowed) => {
    expect(canTransition(from, to)).toBe(allowed);
  });
});

describe('contractPeriod', () => {
  it('ends the day before the anniversary', () => {
    expect(contractPeriod('2026-03-01', 1)).toEqual({ startDate: '2026-03-01', endDate: '2027-02-28' });
    expect(contractPeriod('2027-03-01', 1)).toEqual({ startDate: '2027-03-01', endDate: '2028-02-29' });
    expect(contractPeriod('2026-01-01', 3)).toEqual({ startDate: '2026-01-01', endDate: '2028-12-31' });
  });

  it('gives a full year to a contract starting on 29 February', () => {
    expect(contractPeriod('2028-02-29', 1)).toEqual({ startDate: '2028-02-29', endDate: '2029-02-28' });
    expect(contractPeriod('2028-02-29', 4)).toEqual({ startDate: '2028-02-29', endDate: '2032-02-28' });
  });
});

describe('checkRenewal', () => {
  const contract = { status: 'active', endDate: '2027-01-31' };

  it('refuses before the window opens, naming the opening date', () => {
    expect(checkRenewal(contract, '2026-12-31', 30)).toEqual({
      ok: false,
      code: 'CONTRACT.OUTSIDE_RENEWAL_WINDOW',
      message: '续约将于2027年1月1日开放（到期前30天）',
    });
  });

  it('opens windowDays before the end date and stays open until the end date', () => {
    expect(checkRenewal(contract, '2027-01-01', 30)).toEqual({ ok: true, value: { startDate: '2027-02-01' } });
    expect(checkRenewal(contract, '2027-01-31', 30)).toEqual({ ok: true, value: { startDate: '2027-02-01' } });
  });

  it('refuses after the end date', () => {
    expect(checkRenewal(contract, '2027-02-01', 30)).toEqual({
      ok: false,
      code: 'CONTRACT.OUTSIDE_RENEWAL_WINDOW',
      message: '这份签约已于2027年1月31日到期，请重新签约',
    });
  });

  it('renews only active contracts', () => {
    expect(checkRenewal({ ...contract, status: 'pending' }, '2027-01-10', 30)).toEqual({
      ok: false,
      code: 'CONTRACT.NOT_ACTIVE',
      message: '只有已生效的签约才能办理这项业务',
    });
  });
});

describe('checkTermination', () => {
  it('accepts a known reason for a pending or active contract', () => {
    expect(checkTermination('active', 'movedAway')).toEqual({ ok: true, value: 'movedAway' });
    expect(checkTermination('pending', 'residentRequest')).toEqual({ ok: true, value: 'residentRequest' });
  });

  it('refuses an unknown reason and a finished contract', () => {
    expect(checkTermination('active', 'bored')).toEqual({
      ok: false,
      code: 'CONTRACT.TERMINATION_REASON',
      message: '请选择解约原因',
      field: 'reason',
    });
    expect(checkTermination('expired', 'death')).toMatchObject({ ok: false, code: 'CONTRACT.NOT_TERMINABLE' });
  });
});
