import { Actor } from './actor';

/**
 * Which units a caller may see or change. Every repository query that returns unit-owned
 * rows applies one of these in its SQL, so a list never holds a row outside the scope and a
 * get of an id outside it finds nothing (404), whatever the controller does.
 *
 *  - admin, inspector: every unit (inspectors read everything; admins do everything)
 *  - supervisor: their unit and every unit below it
 *  - operator: their own unit
 */
export type UnitScope = { kind: 'all' } | { kind: 'subtree'; path: string } | { kind: 'unit'; unitId: number };

export function readScope(actor: Actor): UnitScope {
  switch (actor.role) {
    case 'admin':
    case 'inspector':
      return { kind: 'all' };
    case 'supervisor':
      return { kind: 'subtree', path: actor.unitPath };
    case 'operator':
      return { kind: 'unit', unitId: actor.unitId };
  }
}

/** Inspectors read everything but change nothing through the org and channel APIs. */
export function writeScope(actor: Actor): UnitScope | null {
  return actor.role === 'inspector' ? null : readScope(actor);
}

/**
 * The scope as a SQL condition on a joined `unit` row (`unitAlias.id`, `unitAlias.path`).
 * Parameter names are prefixed so the condition can be combined with others.
 */
export function scopeCondition(scope: UnitScope, unitAlias: string): { sql: string; params: Record<string, unknown> } {
  switch (scope.kind) {
    case 'all':
      return { sql: '1=1', params: {} };
    case 'subtree':
      return { sql: `${unitAlias}.path LIKE :scopePath`, params: { scopePath: `${scope.path}%` } };
    case 'unit':
      return { sql: `${unitAlias}.id = :scopeUnitId`, params: { scopeUnitId: scope.unitId } };
  }
}

/** The same condition for raw SQL with positional `?` parameters. */
export function scopeConditionRaw(scope: UnitScope, unitAlias: string): { sql: string; params: unknown[] } {
  switch (scope.kind) {
    case 'all':
      return { sql: '1=1', params: [] };
    case 'subtree':
      return { sql: `${unitAlias}.path LIKE ?`, params: [`${scope.path}%`] };
    case 'unit':
      return { sql: `${unitAlias}.id = ?`, params: [scope.unitId] };
  }
}

/** Whether a unit (by its path) lies inside the scope; for checks on rows already loaded. */
export function scopeContains(scope: UnitScope, unit: { id: number; path: string }): boolean {
  switch (scope.kind) {
    case 'all':
      return true;
    case 'subtree':
      return unit.path.startsWith(scope.path);
    case 'unit':
      return unit.id === scope.unitId;
  }
}
