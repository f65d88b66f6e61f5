import { Actor } from '../common/actor';

/** The menu a role sees; pages check roles themselves, this only hides what would be refused. */
export function navFor(actor: Actor | undefined): [string, string][] {
  if (!actor) return [];
  const items: [string, string][] = [
    ['/', '工作台'],
    ['/console/tasks', '整改任务'],
    ['/console/checklists', '检查清单'],
    ['/console/findings/new', '问题登记'],
  ];
  if (actor.role !== 'operator') items.push(['/console/reports/monthly', '月报']);
  if (actor.role === 'admin') items.push(['/console/admin', '管理']);
  return items;
}
