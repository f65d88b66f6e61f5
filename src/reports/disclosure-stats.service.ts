import { Injectable } from '@nestjs/common';
import { InjectDataSource } from '@nestjs/typeorm';
import { DataSource } from 'typeorm';
import { AuditService } from '../audit/audit.service';
import { CalendarService } from '../calendar/calendar.service';
import { Actor } from '../common/actor';
import { Clock } from '../common/clock';
import { RowErrors } from '../common/csv';
import { Page, pageOf } from '../common/pagination';
import { readScope, scopeContains, writeScope } from '../common/scope';
import { UnitsService } from '../org/units.service';
import { checkStatsRows, readStatsFile } from './disclosure-rows';
import { DisclosureStatsRepository } from './disclosure-stats.repository';
import { monthOf } from './month';
import { DisclosureImportResult, DisclosureStatResponse, ListDisclosureStatsQuery, toDisclosureStatResponse } from './reports.dto';
import { ReportError } from './reports.errors';

@Injectable()
export class DisclosureStatsService {
  constructor(
    @InjectDataSource() private readonly dataSource: DataSource,
    private readonly stats: DisclosureStatsRepository,
    private readonly units: UnitsService,
    private readonly calendar: CalendarService,
    private readonly audit: AuditService,
    private readonly clock: Clock,
  ) {}

  async list(actor: Actor, query: ListDisclosureStatsQuery): Promise<Page<DisclosureStatResponse>> {
    if (query.unitId !== undefined) await this.units.findInReadScope(actor, query.unitId);
    const [rows, total] = await this.stats.findPageInScope(readScope(actor), query, query);
    return pageOf(rows.map(toDisclosureStatResponse), total, query);
  }

  /**
   * CSV or XLSX `unit_code, unit_name, month, cumulative_total, month_count, application_count`.
   * All or nothing: every bad row is named and nothing is written. A (unit, month) already on
   * record is replaced, so re-importing a month corrects it for the units in the file.
   */
  async importFile(actor: Actor, file: Buffer): Promise<DisclosureImportResult> {
    const scope = writeScope(actor);
    if (!scope) throw new ReportError('DISCLOSURE_READ_ONLY_ROLE', '检查员只能查看，不能导入');
    const table = await readStatsFile(file);
    const codes = [...new Set(table.map((r) => r.values.unit_code).filter(Boolean))];
    const writable = (await this.units.findByCodes(codes)).filter((u) => scopeContains(scope, u));
    const errors = new RowErrors();
    const rows = checkStatsRows(table, { unitsByCode: new Map(writable.map((u) => [u.code, u])), currentMonth: monthOf(this.calendar.localDateOf(this.clock.now())) }, errors);
    errors.throwIfAny();

    const months = [...new Set(rows.map((r) => r.month))].sort();
    const importedAt = this.clock.now();
    await this.dataSource.transaction(async (manager) => {
      const before = new Map((await this.stats.findByUnitMonths(manager, rows)).map((r) => [`${r.unitId}/${r.month}`, toDisclosureStatResponse(r)]));
      await this.stats.upsertStats(manager, rows, actor.id, importedAt);
      await this.audit.record(
        actor,
        [
          { action: 'disclosure_stat.import', entityType: 'disclosure_stat', entityId: null, after: { rows: rows.length, replaced: before.size, months } },
          ...rows.map((r) => ({
            action: before.has(`${r.unitId}/${r.month}`) ? 'disclosure_stat.replace' : 'disclosure_stat.create',
            entityType: 'disclosure_stat',
            entityId: `${r.unitId}/${r.month}`,
            before: before.get(`${r.unitId}/${r.month}`) ?? null,
            after: { unitId: r.unitId, unitCode: r.unitCode, month: r.month, cumulativeTotal: r.cumulativeTotal, monthCount: r.monthCount, applicationCount: r.applicationCount },
          })),
        ],
        manager,
      );
    });
    return { imported: rows.length, months };
  }
}
