import { Inject, Injectable, Logger } from '@nestjs/common';
import { InjectDataSource } from '@nestjs/typeorm';
import { randomBytes } from 'node:crypto';
import { createReadStream, createWriteStream } from 'node:fs';
import { mkdir, unlink } from 'node:fs/promises';
import { join, resolve } from 'node:path';
import { Readable } from 'node:stream';
import { pipeline } from 'node:stream/promises';
import { DataSource } from 'typeorm';
import { ChannelsService } from '../channels/channels.service';
import { Actor } from '../common/actor';
import { Clock } from '../common/clock';
import { scopeContains, UnitScope, writeScope } from '../common/scope';
import { APP_CONFIG, AppConfig } from '../config/config';
import { UnitsService } from '../org/units.service';
import { EvidenceError } from './evidence.errors';
import { ImportChannel, importPublicationCsv, PublicationImportResult } from './publication-import';
import { checkPublicationFields, PublicationFields, PublicationRow, toPublicationRow } from './publication-rows';
import { ImportJobResponse, PUBLICATION_BATCH_MAX, PublicationBatchResult } from './publications.dto';
import { PublicationsRepository } from './publications.repository';

/** A streamed import may be far larger than the buffered imports' 100 MB (1,000,000 rows ≈ 100 MB). */
export const PUBLICATION_IMPORT_MAX_BYTES = 2 * 1024 * 1024 * 1024;
const ITEM_KEYS = new Set(['channelId', 'publishedAt', 'title', 'url', 'externalId']);
const MAX_MESSAGES = 100;
/** A background import whose row has not moved for this long died with its process. */
const STALE_JOB_MS = 10 * 60 * 1000;

@Injectable()
export class PublicationsService {
  private readonly logger = new Logger(PublicationsService.name);

  constructor(
    @InjectDataSource() private readonly dataSource: DataSource,
    private readonly publications: PublicationsRepository,
    private readonly channels: ChannelsService,
    private readonly units: UnitsService,
    private readonly clock: Clock,
    @Inject(APP_CONFIG) private readonly config: AppConfig,
  ) {}

  /** `POST /publications`: every item is checked before anything is written; one bad item refuses the batch. */
  async ingest(actor: Actor, body: unknown): Promise<PublicationBatchResult> {
    const scope = this.writeScopeOrFail(actor);
    const items = (body as { items?: unknown })?.items;
    const problems: string[] = [];
    if (body === null || typeof body !== 'object' || Array.isArray(body)) throw new EvidenceError('EVIDENCE_INVALID', ['请求体必须是 {"items": [...]}']);
    for (const key of Object.keys(body)) if (key !== 'items') problems.push(`${key} 是未知字段`);
    if (!Array.isArray(items)) throw new EvidenceError('EVIDENCE_INVALID', [...problems, 'items 必须是数组']);
    if (items.length > PUBLICATION_BATCH_MAX) throw new EvidenceError('EVIDENCE_TOO_MANY_ITEMS', [`items 最多 ${PUBLICATION_BATCH_MAX} 项（收到 ${items.length} 项）：请分批提交，或用 POST /publications/import 导入 CSV`]);

    const tz = this.config.timeZone;
    const rows: PublicationRow[] = new Array(items.length);
    const firstIndexOfChannel = new Map<number, number>();
    for (let i = 0; i < items.length && problems.length < MAX_MESSAGES; i++) {
      const item = items[i] as Record<string, any>;
      const at = `items[${i}]`;
      if (item === null || typeof item !== 'object' || Array.isArray(item)) {
        problems.push(`${at} 必须是对象`);
        continue;
      }
      const itemProblems: string[] = [];
      for (const key of Object.keys(item)) if (!ITEM_KEYS.has(key)) itemProblems.push(`${at}.${key} 是未知字段`);
      const channelId = item.channelId;
      if (!Number.isInteger(channelId) || channelId <= 0) itemProblems.push(`${at}.channelId 必须是载体的 id（正整数）`);
      const checked = checkPublicationFields(item, { publishedAt: `${at}.publishedAt`, title: `${at}.title`, url: `${at}.url`, externalId: `${at}.externalId` }, tz);
      itemProblems.push(...checked.problems);
      if (itemProblems.length) {
        problems.push(...itemProblems);
        continue;
      }
      if (!firstIndexOfChannel.has(channelId)) firstIndexOfChannel.set(channelId, i);
      rows[i] = toPublicationRow(channelId, checked.publishedAt!, item as PublicationFields, tz);
    }
    if (!problems.length) problems.push(...(await this.channelProblems(scope, firstIndexOfChannel)));
    if (problems.length) throw new EvidenceError('EVIDENCE_INVALID', problems.slice(0, MAX_MESSAGES));
    if (!rows.length) return { accepted: 0, duplicates: 0 };

    const accepted = await this.dataSource.transaction((manager) => this.publications.insertIgnoringDuplicates(rows, manager));
    return { accepted, duplicates: rows.length - accepted };
  }

  /** `POST /publications/import`: streamed; bad rows are skipped and reported (see publication-import.ts). */
  async importCsv(actor: Actor, source: Readable): Promise<PublicationImportResult> {
    const scope = this.writeScopeOrFail(actor);
    return this.runImport(scope, source);
  }

  /** `?async=true`: stages the upload to a file, answers with the job id, imports in the background. */
  async startImport(actor: Actor, source: Readable): Promise<{ jobId: string }> {
    const scope = this.writeScopeOrFail(actor);
    const jobId = randomBytes(16).toString('hex');
    const dir = resolve(this.config.uploadDir, 'imports');
    await mkdir(dir, { recursive: true });
    const filePath = join(dir, `${jobId}.csv`);
    let size = 0;
    const limit = PUBLICATION_IMPORT_MAX_BYTES;
    try {
      await pipeline(
        source,
        async function* (chunks: AsyncIterable<Buffer>) {
          for await (const chunk of chunks) {
            size += chunk.length;
            if (size > limit) throw new EvidenceError('EVIDENCE_FILE_TOO_LARGE', `文件超过 ${Math.round(limit / 1024 / 1024)} MB：请分成几个文件导入`);
            yield chunk;
          }
        },
        createWriteStream(filePath),
      );
      if (size === 0) throw new EvidenceError('EVIDENCE_INVALID', '文件为空：请上传带表头的 CSV 文件');
    } catch (error) {
      await unlink(filePath).catch(() => undefined);
      throw error;
    }
    await this.publications.insertImportJob({ id: jobId, createdBy: actor.id, filePath, at: this.clock.now() });
    // Runs on this instance, where the staged file is; a restart leaves the job stale, and
    // getImportJob reports it failed once its row has not moved for STALE_JOB_MS.
    void this.runJob(jobId, scope, filePath);
    return { jobId };
  }

  async getImportJob(actor: Actor, jobId: string): Promise<ImportJobResponse> {
    const job = /^[0-9a-f]{32}$/.test(jobId) ? await this.publications.findImportJobOfUser(jobId, actor.role === 'admin' ? null : actor.id) : null;
    if (!job) throw new EvidenceError('IMPORT_JOB_NOT_FOUND', `导入任务 ${jobId} 不存在`);
    const stale = (job.status === 'running' || job.status === 'queued') && this.clock.now().getTime() - job.updatedAt.getTime() > STALE_JOB_MS;
    return {
      jobId: job.id,
      status: stale ? 'failed' : job.status,
      rows: job.rowsDone,
      result: job.result ?? null,
      error: stale ? '导入中断（服务重启或故障）：请重新提交文件，已导入的行会作为重复项跳过' : job.error,
      createdAt: job.createdAt,
      startedAt: job.startedAt,
      finishedAt: job.finishedAt,
    };
  }

  private async runJob(jobId: string, scope: UnitScope, filePath: string): Promise<void> {
    try {
      await this.publications.markImportJobRunning(jobId, this.clock.now());
      const result = await this.runImport(scope, createReadStream(filePath, { highWaterMark: 256 * 1024 }), (rows) =>
        this.publications.updateImportJobProgress(jobId, rows, this.clock.now()),
      );
      await this.publications.finishImportJob(jobId, { status: 'done', rowsDone: result.rows, result }, this.clock.now());
    } catch (error) {
      const message = error instanceof EvidenceError ? error.message : `导入失败：${(error as Error).message}`;
      if (!(error instanceof EvidenceError)) this.logger.error({ err: error, jobId }, 'publication import failed');
      await this.publications.finishImportJob(jobId, { status: 'failed', error: message }, this.clock.now()).catch((e) => this.logger.error(e));
    } finally {
      await unlink(filePath).catch(() => undefined);
    }
  }

  private runImport(scope: UnitScope, source: AsyncIterable<Buffer>, progress?: (rows: number) => Promise<void>): Promise<PublicationImportResult> {
    return importPublicationCsv(source, {
      timeZone: this.config.timeZone,
      maxBytes: PUBLICATION_IMPORT_MAX_BYTES,
      resolveChannels: (codes) => this.channelsByCode(scope, codes),
      insert: (rows) => this.publications.insertIgnoringDuplicates(rows),
      progress,
    });
  }

  private async channelsByCode(scope: UnitScope, codes: string[]): Promise<Map<string, ImportChannel>> {
    const channels = await this.channels.findByCodes(codes);
    const units = new Map((await this.units.findByIds([...new Set(channels.map((c) => c.unitId))])).map((u) => [u.id, u]));
    return new Map(channels.map((c) => [c.code, { id: c.id, writable: !!units.get(c.unitId) && scopeContains(scope, units.get(c.unitId)!) }]));
  }

  /** One message per unknown or out-of-scope channel, naming the first item that uses it. */
  private async channelProblems(scope: UnitScope, firstIndexOfChannel: Map<number, number>): Promise<string[]> {
    if (!firstIndexOfChannel.size) return [];
    const writable = await this.channels.findIdsInScope(scope, [...firstIndexOfChannel.keys()]);
    return [...firstIndexOfChannel]
      .filter(([id]) => !writable.has(id))
      .sort((a, b) => a[1] - b[1])
      .map(([id, index]) => `items[${index}].channelId ${id} 不存在或不在您的管理范围内`);
  }

  private writeScopeOrFail(actor: Actor): UnitScope {
    const scope = writeScope(actor);
    if (!scope) throw new EvidenceError('EVIDENCE_READ_ONLY_ROLE', '检查员只能查看，不能登记');
    return scope;
  }
}
