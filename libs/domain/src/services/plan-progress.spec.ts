import { dueThisWeek, planProgress, summarisePlan } from './plan-progress';
import { servicePlan } from './service-plan';

const plan = servicePlan({ id: 'c1', startDate: '2026-01-01', endDate: '2026-12-31', birthDate: '1950-05-01', tags: ['hypertension'], packages: [] });

describe('planProgress', () => {
  it('a linked service fulfils its item, a loose one the earliest open item of its type in whose window it falls', () => {
    const progress = planProgress(
      plan,
      [
        { id: 's1', type: 'followUp', serviceDate: '2026-02-10', planItemId: null },
        { id: 's2', type: 'healthCheck', serviceDate: '2026-06-01', planItemId: 'c1:elderlyCheck:1' },
        { id: 's3', type: 'homeVisit', serviceDate: '2026-04-10', planItemId: null },
      ],
      '2026-08-01',
    );
    const state = (id: string) => progress.find((i) => i.id === id)!;
    expect(state('c1:chronic:1')).toMatchObject({ state: 'done', serviceId: 's1' });
    expect(state('c1:chronic:2')).toMatchObject({ state: 'overdue', serviceId: null });
    expect(state('c1:chronic:3')).toMatchObject({ state: 'due' });
    expect(state('c1:chronic:4')).toMatchObject({ state: 'upcoming' });
    expect(state('c1:elderlyCheck:1')).toMatchObject({ state: 'done', serviceId: 's2' });
    expect(summarisePlan(progress)).toEqual({ done: 2, open: 1, overdue: 1, upcoming: 1, total: 5 });
  });

  it("one service fulfils one item only, and a service naming another contract's item fulfils nothing here", () => {
    const progress = planProgress(
      plan,
      [
        { id: 's1', type: 'followUp', serviceDate: '2026-02-10', planItemId: 'c9:chronic:1' },
        { id: 's2', type: 'followUp', serviceDate: '2026-02-11', planItemId: null },
        { id: 's3', type: 'followUp', serviceDate: '2026-02-12', planItemId: null },
      ],
      '2026-02-20',
    );
    expect(progress.filter((i) => i.state === 'done').map((i) => i.serviceId)).toEqual(['s2']);
  });

  it("puts an open item on this week's list when its window ends within 7 days", () => {
    expect(dueThisWeek({ state: 'due', windowEnd: '2026-03-07' }, '2026-03-01')).toBe(true);
    expect(dueThisWeek({ state: 'due', windowEnd: '2026-03-08' }, '2026-03-01')).toBe(false);
    expect(dueThisWeek({ state: 'overdue', windowEnd: '2026-02-28' }, '2026-03-01')).toBe(false);
  });
});
