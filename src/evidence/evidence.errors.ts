import { DomainError } from '../common/errors';

export const EvidenceErrorStatus = {
  EVIDENCE_READ_ONLY_ROLE: 403,
  EVIDENCE_INVALID: 400,
  EVIDENCE_TOO_MANY_ITEMS: 400,
  EVIDENCE_FILE_TOO_LARGE: 413,
  CHANNEL_NOT_FOUND: 400,
  UNIT_NOT_FOUND: 400,
  MESSAGE_NOT_FOUND: 404,
  MESSAGE_DUPLICATE: 409,
  MESSAGE_ALREADY_REPLIED: 409,
  POLICY_DOCUMENT_NOT_FOUND: 404,
  POLICY_NO_INTERPRETATION: 409,
  IMPORT_JOB_NOT_FOUND: 404,
  ATTESTATION_NOT_A_HOLIDAY: 400,
} as const;
export type EvidenceErrorCode = keyof typeof EvidenceErrorStatus;
EvidenceErrorStatus satisfies Record<EvidenceErrorCode, number>;

export class EvidenceError extends DomainError {
  constructor(code: EvidenceErrorCode, message: string | string[]) {
    super(code, message, EvidenceErrorStatus[code]);
  }
}
