import { Clock } from '../common/clock';

/**
 * The demo's clock: real time, except while the demo replays its history, when it reads the
 * replayed instant, so every row the services write then (a task opened, a submission, a
 * rejection) carries the time it would have had.
 */
export class DemoClock extends Clock {
  private replayed: Date | null = null;

  override now(): Date {
    return this.replayed ? new Date(this.replayed.getTime()) : new Date();
  }

  /** The instant the replay is at; null returns to real time. */
  replayAt(instant: Date | null): void {
    this.replayed = instant ? new Date(instant.getTime()) : null;
  }
}
