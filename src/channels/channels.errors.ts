import { DomainError } from '../common/errors';

export const ChannelErrorStatus = {
  CHANNEL_NOT_FOUND: 404,
  CHANNEL_CODE_TAKEN: 409,
  CHANNEL_UNIT_NOT_FOUND: 400,
  CHANNEL_READ_ONLY_ROLE: 403,
} as const;
export type ChannelErrorCode = keyof typeof ChannelErrorStatus;
ChannelErrorStatus satisfies Record<ChannelErrorCode, number>;

export class ChannelError extends DomainError {
  constructor(code: ChannelErrorCode, message: string | string[]) {
    super(code, message, ChannelErrorStatus[code]);
  }
}
