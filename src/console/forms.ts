import { ClassConstructor, plainToInstance } from 'class-transformer';
import { validate } from 'class-validator';
import type { Response } from 'express';
import { badRequest, DomainError } from '../common/errors';
import { validationMessages } from '../common/validation';
import { redirectWith } from './console-page';

/**
 * Console forms call services directly, so they get the same DTO validation the API's
 * global pipe applies (Chinese messages naming the field); unknown fields (such as _csrf)
 * are dropped rather than refused.
 */
export async function formDto<T extends object>(cls: ClassConstructor<T>, body: Record<string, unknown>): Promise<T> {
  const blanksRemoved = Object.fromEntries(Object.entries(body).filter(([key, value]) => key !== '_csrf' && value !== ''));
  const dto = plainToInstance(cls, blanksRemoved, { enableImplicitConversion: false });
  const errors = await validate(dto, { whitelist: true, forbidNonWhitelisted: false });
  if (errors.length) throw badRequest(validationMessages(errors));
  return dto;
}

/**
 * Runs a form action; a broken rule goes back to the page with its message (post/redirect/get).
 * A refusal (403: the role may not; 404: outside the scope) is not a mistake in the form: it
 * becomes the error page with the same status the API answers.
 */
export async function attempt(res: Response, back: string, ok: string | (() => string), action: () => Promise<unknown>, onSuccess?: string): Promise<void> {
  try {
    await action();
    redirectWith(res, onSuccess ?? back, { flash: typeof ok === 'function' ? ok() : ok });
  } catch (error) {
    if (!(error instanceof DomainError) || error.status === 403 || error.status === 404) throw error;
    redirectWith(res, back, { error: Array.isArray(error.messages) ? error.messages.join('；') : error.messages });
  }
}
