import { servicePlan } from '../services/service-plan';
import { planProgress } from '../services/plan-progress';
import { closedBy, CountedPlan, planIndicatorCounts } from './plan-indicators';

describe('慢病随访及时率 and 履约率 over plans', () => {
  const year = { from: '2026-01-01', to: '2026-12-31' };
  const contract = { id: 'c1', startDate: '2026-01-01', endDate: '2026-12-31', birthDate: '1950-03-01', tags: ['hypertension'] as const, packages: [] };
  const plan = servicePlan({ ...contract, tags: [...contract.tags] });
  const counted = (
    services: { id: string; type: 'followUp' | 'healthCheck'; serviceDate: string; planItemId: string | null }[],
    today: string,
  ): CountedPlan => {
    const dates = new Map(services.map((s) => [s.id, s.serviceDate]));
    return { inForce: true, items: planProgress(plan, services, today).map((i) => ({ ...i, doneOn: i.serviceId ? dates.get(i.serviceId)! : null })) };
  };

  it('closed windows are those ending before the counting day (or on it, for a past period)', () => {
    expect(closedBy('2026-12-31', '2027-02-01')).toBe('2026-12-31');
    expect(closedBy('2026-05-20', '2026-05-20')).toBe('2026-05-19');
  });

  it('a follow-up in each closed quarter is timely; one named for its item but done after the window is not', () => {
    // On 2026-10-15: Q1–Q3 windows closed (3 follow-ups due) and the year's health check is not yet due.
    const services = [
      { id: 's1', type: 'followUp' as const, serviceDate: '2026-02-10', planItemId: null },
      { id: 's2', type: 'followUp' as const, serviceDate: '2026-05-10', planItemId: null },
      { id: 's3', type: 'followUp' as const, serviceDate: '2026-10-01', planItemId: 'c1:chronic:3' },
    ];
    const counts = planIndicatorCounts([counted(services, '2026-10-15')], year, closedBy('2026-10-15', '2026-10-15'));
    expect(counts.followUpTimeliness).toEqual({ numerator: 2, denominator: 3 });
    // Every closed item is done (the third late, by naming it): the contract is fulfilled.
    expect(counts.fulfilment).toEqual({ numerator: 1, denominator: 1 });
  });

  it('a missed window leaves the contract unfulfilled; a contract not in force or with nothing closed is left out', () => {
    const missed = counted([{ id: 's1', type: 'followUp', serviceDate: '2026-02-10', planItemId: null }], '2026-08-01');
    const ended = { ...missed, inForce: false };
    // Signed in July: its first window ends in September, nothing of it is closed on 2026-08-01.
    const july = servicePlan({ ...contract, id: 'c2', startDate: '2026-07-01', endDate: '2027-06-30', tags: ['hypertension'] });
    const early: CountedPlan = { inForce: true, items: planProgress(july, [], '2026-08-01').map((i) => ({ ...i, doneOn: null })) };
    const counts = planIndicatorCounts([missed, ended, early], year, closedBy('2026-08-01', '2026-08-01'));
    expect(counts.fulfilment).toEqual({ numerator: 0, denominator: 1 });
    // The ended contract's follow-ups still count for timeliness (2 closed quarters each, 1 timely each).
    expect(counts.followUpTimeliness).toEqual({ numerator: 2, denominator: 4 });
  });
});
