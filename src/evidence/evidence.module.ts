import { Module } from '@nestjs/common';
import { ChannelsModule } from '../channels/channels.module';
import { OrgModule } from '../org/org.module';
import { RequirementsModule } from '../requirements/requirements.module';
import { AttestationsController } from './attestations.controller';
import { AttestationsRepository } from './attestations.repository';
import { AttestationsService } from './attestations.service';
import { EvidenceScope } from './evidence-scope';
import { LinkChecker } from './link-checker';
import { MessagesController } from './messages.controller';
import { MessagesRepository } from './messages.repository';
import { MessagesService } from './messages.service';
import { PolicyDocumentsController } from './policy-documents.controller';
import { PolicyDocumentsRepository } from './policy-documents.repository';
import { PolicyDocumentsService } from './policy-documents.service';
import { PublicationsController } from './publications.controller';
import { PublicationsRepository } from './publications.repository';
import { PublicationsService } from './publications.service';

/**
 * The evidence checklists are judged on: publications, messages and their replies, policy
 * documents with their interpretations and link checks, and holiday duty-roster attestations.
 * The checklist engine reads these tables directly in its own SQL (read-only).
 */
@Module({
  imports: [OrgModule, ChannelsModule, RequirementsModule],
  controllers: [PublicationsController, MessagesController, PolicyDocumentsController, AttestationsController],
  providers: [
    EvidenceScope,
    LinkChecker,
    PublicationsRepository,
    PublicationsService,
    MessagesRepository,
    MessagesService,
    PolicyDocumentsRepository,
    PolicyDocumentsService,
    AttestationsRepository,
    AttestationsService,
  ],
  exports: [PublicationsService, MessagesService, PolicyDocumentsService, AttestationsService],
})
export class EvidenceModule {}
