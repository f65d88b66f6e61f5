// The rectification workflow of DESIGN.md "Rectification workflow" as data:
//
//   open ──submit──▶ submitted ──accept──▶ accepted (closed)
//     ▲                  │
//     └─────reject───────┘   (rejected is open again for the unit)
//   open/rejected ──cancel──▶ cancelled
//
// Who may act is decided here too, so the service only asks "may this actor do this to a
// task of that unit, in that state" and the tests can read the whole table at a glance.
import { Actor } from '../common/actor';

export const TASK_STATUSES = ['open', 'submitted', 'rejected', 'accepted', 'cancelled'] as const;
export type TaskStatus = (typeof TASK_STATUSES)[number];

export const TASK_ACTIONS = ['submit', 'accept', 'reject', 'cancel'] as const;
export type TaskAction = (typeof TASK_ACTIONS)[number];

/** Statuses in which the unit still owes work; at most one such task per (requirement, channel|unit). */
export const ACTIVE_STATUSES: readonly TaskStatus[] = ['open', 'submitted', 'rejected'];
/** A task is overdue when its due time has passed in one of these (a submission stops the clock). */
export const OVERDUE_STATUSES: readonly TaskStatus[] = ['open', 'rejected'];

interface Transition {
  from: readonly TaskStatus[];
  to: TaskStatus;
  /** Who may take the transition, given that the task's unit is in the actor's read scope. */
  allowed: (actor: Actor, taskUnitId: number) => boolean;
}

// Supervisors' read scope is their subtree, so "in scope" already means "their unit or below".
const supervisorOrAdmin = (actor: Actor) => actor.role === 'admin' || actor.role === 'supervisor';

export const TRANSITIONS: Record<TaskAction, Transition> = {
  submit: {
    from: ['open', 'rejected'],
    to: 'submitted',
    allowed: (actor, unitId) => supervisorOrAdmin(actor) || (actor.role === 'operator' && actor.unitId === unitId),
  },
  accept: { from: ['submitted'], to: 'accepted', allowed: supervisorOrAdmin },
  reject: { from: ['submitted'], to: 'rejected', allowed: supervisorOrAdmin },
  cancel: { from: ['open', 'rejected'], to: 'cancelled', allowed: supervisorOrAdmin },
};

export function canTransition(action: TaskAction, from: TaskStatus): boolean {
  return TRANSITIONS[action].from.includes(from);
}

export function isOverdue(status: TaskStatus, dueAt: Date, now: Date): boolean {
  return OVERDUE_STATUSES.includes(status) && dueAt.getTime() <= now.getTime();
}

/** How people read the statuses (ledger export, messages). */
export const STATUS_LABELS: Record<TaskStatus, string> = {
  open: '待整改',
  submitted: '待核验',
  rejected: '已退回',
  accepted: '已通过',
  cancelled: '已撤销',
};

export const ACTION_LABELS: Record<TaskAction, string> = {
  submit: '提交整改',
  accept: '核验通过',
  reject: '退回',
  cancel: '撤销',
};
