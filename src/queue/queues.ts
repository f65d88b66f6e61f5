/**
 * Every BullMQ queue Duban uses; feature modules register theirs with
 * `BullModule.registerQueue({ name: QueueName.X })`. Jobs carry ids only; handlers reload
 * their rows, and a missing row is a skip, not a failure.
 */
export enum QueueName {
  Checklists = 'checklists',
  Notifications = 'notifications',
  Evidence = 'evidence',
}
