import { Actor, Role } from '../common/actor';
import { canTransition, isOverdue, TASK_ACTIONS, TASK_STATUSES, TaskAction, TaskStatus, TRANSITIONS } from './task-workflow';

const actor = (role: Role, unitId = 10): Actor => ({ id: 1, username: 'u', role, unitId, unitPath: `/1/${unitId}/` });

describe('task workflow', () => {
  // Every (action, status) pair: exactly the arrows of DESIGN.md are allowed.
  const allowed: Record<TaskAction, TaskStatus[]> = {
    submit: ['open', 'rejected'],
    accept: ['submitted'],
    reject: ['submitted'],
    cancel: ['open', 'rejected'],
  };
  for (const action of TASK_ACTIONS) {
    for (const status of TASK_STATUSES) {
      it(`${action} from ${status}: ${allowed[action].includes(status) ? 'allowed' : '409'}`, () => {
        expect(canTransition(action, status)).toBe(allowed[action].includes(status));
      });
    }
  }

  it('accepted and cancelled are final', () => {
    for (const action of TASK_ACTIONS) {
      expect(canTransition(action, 'accepted')).toBe(false);
      expect(canTransition(action, 'cancelled')).toBe(false);
    }
  });

  it.each([
    ['submit', 'operator', 10, true],
    ['submit', 'operator', 11, false],
    ['submit', 'supervisor', 11, true],
    ['submit', 'admin', 11, true],
    ['submit', 'inspector', 10, false],
    ['accept', 'operator', 10, false],
    ['accept', 'supervisor', 11, true],
    ['accept', 'inspector', 10, false],
    ['reject', 'admin', 10, true],
    ['cancel', 'operator', 10, false],
    ['cancel', 'supervisor', 10, true],
  ] as [TaskAction, Role, number, boolean][])('%s by %s of a task of unit %d → %s', (action, role, unitId, expected) => {
    expect(TRANSITIONS[action].allowed(actor(role), unitId)).toBe(expected);
  });

  it('is overdue only when the due time has passed and the unit still owes the work', () => {
    const due = new Date('2022-10-11T16:00:00Z');
    expect(isOverdue('open', due, new Date('2022-10-11T15:59:59Z'))).toBe(false);
    expect(isOverdue('open', due, due)).toBe(true);
    expect(isOverdue('rejected', due, new Date('2022-10-20T00:00:00Z'))).toBe(true);
    expect(isOverdue('submitted', due, new Date('2022-10-20T00:00:00Z'))).toBe(false);
    expect(isOverdue('accepted', due, new Date('2022-10-20T00:00:00Z'))).toBe(false);
  });
});
