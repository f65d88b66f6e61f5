import { Injectable } from '@nestjs/common';
import { Page, pageOf } from '../common/pagination';
import { NotificationResponse, NotificationsQuery, toNotificationResponse } from './notifications.dto';
import { NotificationsError } from './notifications.errors';
import { NotificationsRepository } from './notifications.repository';

/** The outbox as admins read it: what was planned, sent, skipped or failed, and why. */
@Injectable()
export class NotificationsService {
  constructor(private readonly outbox: NotificationsRepository) {}

  async list(query: NotificationsQuery): Promise<Page<NotificationResponse>> {
    const [items, total] = await this.outbox.findPage({ status: query.status, kind: query.kind }, query);
    return pageOf(items.map((n) => toNotificationResponse(n)), total, query);
  }

  async get(id: number): Promise<NotificationResponse> {
    const row = await this.outbox.findById(id);
    if (!row) throw new NotificationsError('NOTIFICATION_NOT_FOUND', `通知 ${id} 不存在`);
    return toNotificationResponse(row, true);
  }
}
