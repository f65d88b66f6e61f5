import { JobSchedule } from '../queue/job-schedules';

/** Jobs of QueueName.Checklists; each has one handler in ChecklistsProcessor and carries nothing but its kind. */
export enum ChecklistJob {
  /** Today and tomorrow, and the current and next week: a series never stops at a year boundary. */
  Generate = 'generate',
  Evaluate = 'evaluate',
}

const KEEP = { removeOnComplete: 100, removeOnFail: 100 };

/** BullMQ job scheduler ids must not contain ':'. Crons are read in APP_TIMEZONE. */
export const CHECKLIST_SCHEDULES: readonly JobSchedule[] = [
  { id: 'checklists-generate-nightly', pattern: '5 0 * * *', job: ChecklistJob.Generate, opts: KEEP },
  { id: 'checklists-evaluate-quarter-hourly', pattern: '*/15 * * * *', job: ChecklistJob.Evaluate, opts: KEEP },
  // Just after a day ends, so yesterday's daily items turn missed (and last week's on Monday).
  { id: 'checklists-evaluate-day-end', pattern: '10 0 * * *', job: ChecklistJob.Evaluate, opts: KEEP },
];
