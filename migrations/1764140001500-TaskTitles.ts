import { MigrationInterface, QueryRunner } from 'typeorm';

/**
 * Task titles that follow their occurrences, and veto tasks first (issue 11, item 19).
 *
 * - `task_occurrence.summary`: how each miss reads ("2026-11-16 至 11-22 仅更新 1 次"), so a
 *   task's title can always be rebuilt from its latest occurrence, whatever order misses are
 *   recorded in, and the task page can list what each miss was.
 * - `task.veto`: the task is about a 单项否决 problem (a veto requirement, or a finding of
 *   severity veto), kept as the task was opened, like an item keeps the parameters it was
 *   generated with. Lists sort veto tasks first, so the flag joins the end of the unit index
 *   that the list's deferred join sorts on: the page's ids are still found from the index alone.
 */
export class TaskTitles1764140001500 implements MigrationInterface {
  name = 'TaskTitles1764140001500';

  async up(q: QueryRunner): Promise<void> {
    await q.query('ALTER TABLE task_occurrence ADD COLUMN summary VARCHAR(500) NULL');
    await q.query(
      'ALTER TABLE task ADD COLUMN veto TINYINT(1) NOT NULL DEFAULT 0, DROP KEY ix_task_unit_status_due, ADD KEY ix_task_unit_status_due (unit_id, status, due_at, veto)',
    );
    await q.query("UPDATE task t JOIN requirement r ON r.code = t.requirement_code SET t.veto = 1 WHERE r.severity = 'veto'");
    await q.query("UPDATE task t JOIN finding f ON f.id = t.finding_id SET t.veto = 1 WHERE f.severity = 'veto'");
  }

  async down(q: QueryRunner): Promise<void> {
    await q.query('ALTER TABLE task DROP KEY ix_task_unit_status_due, ADD KEY ix_task_unit_status_due (unit_id, status, due_at), DROP COLUMN veto');
    await q.query('ALTER TABLE task_occurrence DROP COLUMN summary');
  }
}
