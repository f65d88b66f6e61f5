import { JobSchedule } from '../queue/job-schedules';

/** Jobs of QueueName.Evidence; each has one handler in EvidenceProcessor. */
export enum EvidenceJob {
  RecheckPolicyLinks = 'recheck-policy-links',
}

/** BullMQ job scheduler ids must not contain ':'. */
export const RECHECK_POLICY_LINKS_SCHEDULER = 'evidence-recheck-policy-links';
/** Minute 7 of every hour, local time. */
export const RECHECK_POLICY_LINKS_CRON = '7 * * * *';

export const EVIDENCE_SCHEDULES: readonly JobSchedule[] = [
  { id: RECHECK_POLICY_LINKS_SCHEDULER, pattern: RECHECK_POLICY_LINKS_CRON, job: EvidenceJob.RecheckPolicyLinks, opts: { removeOnComplete: 100, removeOnFail: 100 } },
];
