import { Inject, Injectable } from '@nestjs/common';
import { mkdir, rename, stat, writeFile } from 'node:fs/promises';
import { dirname, join, resolve } from 'node:path';
import { CalendarService } from '../calendar/calendar.service';
import { addDays } from '../common/time/local-date';
import { Actor } from '../common/actor';
import { Clock } from '../common/clock';
import { offsetOf, Page, pageOf } from '../common/pagination';
import { readScope } from '../common/scope';
import { APP_CONFIG, AppConfig } from '../config/config';
import { attachmentRelativePath, ATTACHMENT_MAX_BYTES, cleanFileName, sha256Of, sniffAttachmentType } from './attachment-files';
import { AttestationResponse, CreateAttestationDto, ListAttestationsQuery } from './attestations.dto';
import { AttestationsRepository } from './attestations.repository';
import { EvidenceError } from './evidence.errors';
import { EvidenceScope } from './evidence-scope';

export const ATTESTATION_REQUIREMENT = 'HOLIDAY_DUTY_ROSTER';

export interface UploadedAttachment {
  buffer: Buffer;
  originalname?: string;
  size: number;
}

@Injectable()
export class AttestationsService {
  constructor(
    private readonly attestations: AttestationsRepository,
    private readonly scope: EvidenceScope,
    private readonly calendar: CalendarService,
    private readonly clock: Clock,
    @Inject(APP_CONFIG) private readonly config: AppConfig,
  ) {}

  /** A unit files its duty roster for a statutory holiday (节假日实行7×24小时应急值班). */
  async create(actor: Actor, dto: CreateAttestationDto, file?: UploadedAttachment): Promise<AttestationResponse> {
    const unit = await this.scope.writableUnit(actor, dto.unitId);
    const holidayName = await this.holidayStartingOn(dto.holidayStart);
    const stored = file ? await this.store(file) : null;
    const id = await this.attestations.insertAttestation({
      unitId: unit.id,
      requirementCode: ATTESTATION_REQUIREMENT,
      holidayName,
      holidayStart: dto.holidayStart,
      note: dto.note,
      file: stored,
      filedBy: actor.id,
      filedAt: this.clock.now(),
    });
    return (await this.attestations.findById(id))!;
  }

  async list(actor: Actor, query: ListAttestationsQuery): Promise<Page<AttestationResponse>> {
    const [items, total] = await this.attestations.findPageInScope(readScope(actor), query, offsetOf(query), query.pageSize);
    return pageOf(items, total, query);
  }

  /** The holiday's name, if `date` is the first day of a statutory holiday stretch in the calendar. */
  private async holidayStartingOn(date: string): Promise<string> {
    const calendar = await this.calendar.calendar();
    const day = calendar.kindOf(date);
    if (day.kind !== 'holiday') throw new EvidenceError('ATTESTATION_NOT_A_HOLIDAY', [`holidayStart ${date} 不是法定节假日：请填写假期的第一天`]);
    const before = calendar.hasYear(Number(addDays(date, -1).slice(0, 4))) ? calendar.kindOf(addDays(date, -1)) : null;
    if (before?.kind === 'holiday') {
      let first = addDays(date, -1);
      while (calendar.kindOf(addDays(first, -1)).kind === 'holiday') first = addDays(first, -1);
      throw new EvidenceError('ATTESTATION_NOT_A_HOLIDAY', [`holidayStart ${date} 不是假期的第一天：${day.name ?? '该假期'}从 ${first} 开始`]);
    }
    return day.name ?? '法定节假日';
  }

  private async store(file: UploadedAttachment) {
    if (file.size > ATTACHMENT_MAX_BYTES) throw new EvidenceError('EVIDENCE_FILE_TOO_LARGE', '附件不能超过 10 MB');
    const mime = sniffAttachmentType(file.buffer);
    if (!mime) throw new EvidenceError('EVIDENCE_INVALID', ['file 必须是 PNG、JPEG 或 PDF 文件']);
    const sha256 = sha256Of(file.buffer);
    const path = attachmentRelativePath(sha256);
    const absolute = resolve(this.config.uploadDir, path);
    const exists = await stat(absolute).then(
      () => true,
      () => false,
    );
    if (!exists) {
      await mkdir(dirname(absolute), { recursive: true });
      // Written beside and renamed, so a reader never sees half a file.
      const temporary = join(dirname(absolute), `.${sha256}.${process.pid}.tmp`);
      await writeFile(temporary, file.buffer);
      await rename(temporary, absolute);
    }
    return { name: cleanFileName(file.originalname, mime), mime, size: file.buffer.length, sha256, path };
  }
}
