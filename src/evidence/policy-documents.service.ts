import { Injectable, Logger } from '@nestjs/common';
import { CalendarService } from '../calendar/calendar.service';
import { PeriodCount } from '../calendar/working-days';
import { Actor } from '../common/actor';
import { Clock } from '../common/clock';
import { offsetOf, Page, pageOf } from '../common/pagination';
import { readScope } from '../common/scope';
import { RequirementsService } from '../requirements/requirements.service';
import { EvidenceError } from './evidence.errors';
import { EvidenceScope } from './evidence-scope';
import { LinkChecker } from './link-checker';
import { CreateInterpretationDto, CreatePolicyDocumentDto, InterpretationResponse, LinkCheckResponse, ListPolicyDocumentsQuery, PolicyDocumentResponse } from './policy-documents.dto';
import { PolicyDocumentRow, PolicyDocumentsRepository } from './policy-documents.repository';

export const POLICY_REQUIREMENT = 'POLICY_INTERPRETATION_LINKED';
/** The scheduled re-check keeps trying this long after a document's due time. */
const RECHECK_GRACE_MS = 2 * 86_400_000;
const RECHECK_BATCH = 50;
const RECHECK_CONCURRENCY = 4;

@Injectable()
export class PolicyDocumentsService {
  private readonly logger = new Logger(PolicyDocumentsService.name);

  constructor(
    private readonly documents: PolicyDocumentsRepository,
    private readonly scope: EvidenceScope,
    private readonly calendar: CalendarService,
    private readonly requirements: RequirementsService,
    private readonly links: LinkChecker,
    private readonly clock: Clock,
  ) {}

  /** Due: the interpretation registered and both links verified within 3 working days of publication (by the requirement's params). */
  async create(actor: Actor, dto: CreatePolicyDocumentDto): Promise<{ id: number; dueAt: Date; dueLastDay: string }> {
    const unit = await this.scope.writableUnit(actor, dto.unitId);
    const publishedAt = this.calendar.parseInstant(dto.publishedAt)!;
    const { days, count } = await this.requirements.paramsOf<{ days: number; count: PeriodCount }>(POLICY_REQUIREMENT);
    const { lastDay, dueAt } = await this.calendar.deadline(publishedAt, days, count);
    const id = await this.documents.insertDocument({ unitId: unit.id, title: dto.title, url: dto.url, publishedAt, dueLastDay: lastDay, dueAt, createdBy: actor.id });
    return { id, dueAt, dueLastDay: lastDay };
  }

  async addInterpretation(actor: Actor, id: number, dto: CreateInterpretationDto): Promise<InterpretationResponse> {
    const document = await this.documents.findOneInScope(this.scope.writeScopeOrFail(actor), id);
    if (!document) throw new EvidenceError('POLICY_DOCUMENT_NOT_FOUND', `政策文件 ${id} 不存在`);
    const publishedAt = this.calendar.parseInstant(dto.publishedAt)!;
    const interpretationId = await this.documents.insertInterpretation({ policyDocumentId: id, title: dto.title, url: dto.url, publishedAt, createdBy: actor.id });
    return (await this.documents.findInterpretations(id)).find((i) => i.id === interpretationId)!;
  }

  async list(actor: Actor, query: ListPolicyDocumentsQuery): Promise<Page<PolicyDocumentResponse>> {
    const [rows, total] = await this.documents.findPageInScope(readScope(actor), query, offsetOf(query), query.pageSize);
    return pageOf(rows.map((r) => toPolicyDocumentResponse(r)), total, query);
  }

  async get(actor: Actor, id: number): Promise<PolicyDocumentResponse> {
    const document = await this.documents.findOneInScope(readScope(actor), id);
    if (!document) throw new EvidenceError('POLICY_DOCUMENT_NOT_FOUND', `政策文件 ${id} 不存在`);
    return toPolicyDocumentResponse(document, await this.documents.findInterpretations(id));
  }

  /** `POST /policy-documents/:id/check-links`: reads both pages now and stores the result. */
  async checkLinks(actor: Actor, id: number): Promise<LinkCheckResponse> {
    const document = await this.documents.findOneInScope(this.scope.writeScopeOrFail(actor), id);
    if (!document) throw new EvidenceError('POLICY_DOCUMENT_NOT_FOUND', `政策文件 ${id} 不存在`);
    const interpretations = await this.documents.findInterpretations(id);
    if (!interpretations.length) throw new EvidenceError('POLICY_NO_INTERPRETATION', `政策文件 ${id} 尚未登记政策解读：请先 POST /policy-documents/${id}/interpretations`);
    return this.runCheck(document, interpretations);
  }

  /**
   * The scheduled re-check: every document not yet verified whose due time is ahead or passed
   * less than 2 days ago, in batches, a few pages at a time. Returns how many were checked.
   */
  async recheckPending(): Promise<{ checked: number; verified: number }> {
    let afterId = 0;
    let checked = 0;
    let verified = 0;
    for (;;) {
      const ids = await this.documents.findIdsToRecheck(this.clock.now(), RECHECK_GRACE_MS, afterId, RECHECK_BATCH);
      if (!ids.length) break;
      afterId = ids[ids.length - 1];
      for (let i = 0; i < ids.length; i += RECHECK_CONCURRENCY) {
        const results = await Promise.all(ids.slice(i, i + RECHECK_CONCURRENCY).map((id) => this.recheckOne(id)));
        checked += results.filter((r) => r !== null).length;
        verified += results.filter((r) => r?.verified).length;
      }
    }
    return { checked, verified };
  }

  private async recheckOne(id: number): Promise<{ verified: boolean } | null> {
    const document = await this.documents.findById(id);
    if (!document || document.linksVerifiedAt) return null; // gone or verified meanwhile: a skip
    try {
      const result = await this.runCheck(document, await this.documents.findInterpretations(id));
      return { verified: result.documentLinksToInterpretation && result.interpretationLinksToDocument };
    } catch (error) {
      this.logger.warn({ err: error, policyDocumentId: id }, 'link re-check failed');
      return null;
    }
  }

  private async runCheck(document: PolicyDocumentRow, interpretations: InterpretationResponse[]): Promise<LinkCheckResponse> {
    const outcome = await this.links.check(document.url, interpretations.map((i) => i.url));
    const checkedAt = this.clock.now();
    await this.documents.saveCheck(document.id, outcome, checkedAt);
    return {
      documentLinksToInterpretation: outcome.documentLinksToInterpretation,
      interpretationLinksToDocument: outcome.interpretationLinksToDocument,
      checkedAt,
      ...(outcome.error ? { error: outcome.error } : {}),
    };
  }
}

function toPolicyDocumentResponse(row: PolicyDocumentRow, interpretations?: InterpretationResponse[]): PolicyDocumentResponse {
  return {
    id: row.id,
    unitId: row.unitId,
    unitName: row.unitName,
    title: row.title,
    url: row.url,
    publishedAt: row.publishedAt,
    dueLastDay: row.dueLastDay,
    dueAt: row.dueAt,
    linked: row.linksVerifiedAt !== null,
    linksVerifiedAt: row.linksVerifiedAt,
    lastCheck: row.lastCheckedAt
      ? {
          documentLinksToInterpretation: !!row.documentLinksToInterpretation,
          interpretationLinksToDocument: !!row.interpretationLinksToDocument,
          checkedAt: row.lastCheckedAt,
          ...(row.lastCheckError ? { error: row.lastCheckError } : {}),
        }
      : null,
    ...(interpretations ? { interpretations } : {}),
  };
}
