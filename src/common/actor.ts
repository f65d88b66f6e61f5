export const ROLES = ['admin', 'supervisor', 'operator', 'inspector'] as const;
export type Role = (typeof ROLES)[number];

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
