export const ROLES = ['admin', 'supervisor', 'operator', 'inspector'] as const;
export type Role = (typeof ROLES)[number];

/** How people read the roles (console, messages). */
export const ROLE_LABELS: Record<Role, string> = { admin: '管理员', supervisor: '监督员', operator: '经办员', inspector: '检查员' };

/** The signed-in user a request acts for, loaded fresh from the database on every request. */
export interface Actor {
  id: number;
  username: string;
  role: Role;
  unitId: number;
  /** Materialised path of the actor's unit, e.g. `/1/5/`; the subtree is every path starting with it. */
  unitPath: string;
  /** The sign-in session the request came with (absent for actors made by the app itself). */
  sessionId?: string;
}

/**
 * The 403 message of an action a role may not take, naming who may:
 * "您的角色（检查员）不能豁免清单事项：只有管理员、监督员可以".
 */
export function roleRefusal(actor: Actor, allowed: readonly Role[], action: string): string {
  return `您的角色（${ROLE_LABELS[actor.role]}）不能${action}：只有${allowed.map((r) => ROLE_LABELS[r]).join('、')}可以`;
}
