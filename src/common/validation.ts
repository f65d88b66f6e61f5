import { ArgumentMetadata, BadRequestException, ValidationError, ValidationPipe } from '@nestjs/common';
import { registerDecorator, ValidationOptions } from 'class-validator';
import { isLocalDate, parseInstant } from './time/local-date';
import { fieldName } from './field-labels';

const INSTANT = /^\d{4}-\d{2}-\d{2}(?:[T ]\d{2}:\d{2}(?::\d{2}(?:\.\d{1,9})?)?(?:Z|[+-]\d{2}:?\d{2})?)?$/;

/** A local date `YYYY-MM-DD` that exists on the calendar (2022-13-45 does not). */
export function IsLocalDate(options?: ValidationOptions): PropertyDecorator {
  return (target, propertyName) =>
    registerDecorator({
      name: 'isLocalDate',
      target: target.constructor,
      propertyName: propertyName as string,
      options: { message: '$property 必须是有效日期，格式 YYYY-MM-DD', ...options },
      validator: { validate: (value: unknown) => typeof value === 'string' && isLocalDate(value) },
    });
}

/** An ISO 8601 instant; without an offset it means local time (see parseInstant). */
export function IsInstant(options?: ValidationOptions): PropertyDecorator {
  return (target, propertyName) =>
    registerDecorator({
      name: 'isInstant',
      target: target.constructor,
      propertyName: propertyName as string,
      options: { message: '$property 必须是 ISO 8601 时间，如 2022-09-29T10:00:00+08:00', ...options },
      // The same parser the services use, so what passes here always converts there: `24:00`,
      // which Date.parse takes as the next midnight, is refused here as it is there.
      validator: { validate: (value: unknown) => typeof value === 'string' && INSTANT.test(value) && parseInstant(value, 'UTC') !== null },
    });
}

/** A stable code: letters, digits, `-`, `_` and `.`, 1 to 64 characters. */
export function IsCode(options?: ValidationOptions): PropertyDecorator {
  return (target, propertyName) =>
    registerDecorator({
      name: 'isCode',
      target: target.constructor,
      propertyName: propertyName as string,
      options: { message: '$property 只能包含字母、数字、-、_ 和 .，长度 1 到 64', ...options },
      validator: { validate: (value: unknown) => typeof value === 'string' && isCode(value) },
    });
}

export function isCode(value: string): boolean {
  return /^[A-Za-z0-9][A-Za-z0-9._-]{0,63}$/.test(value);
}

// class-validator's messages are English; people read these, so the common ones are said in
// Chinese with the field named, and the rest keep the library's text after the field.
const CHINESE: Record<string, (property: string, english: string) => string> = {
  isString: (p) => `${p} 必须是文本`,
  isNotEmpty: (p) => `${p} 不能为空`,
  isDefined: (p) => `${p} 为必填项`,
  isInt: (p) => `${p} 必须是整数`,
  isBoolean: (p) => `${p} 必须是 true 或 false`,
  isEmail: (p) => `${p} 必须是有效的电子邮件地址`,
  isArray: (p) => `${p} 必须是数组`,
  isIn: (p, e) => `${p} 必须是以下之一：${e.split(': ').pop()}`,
  isEnum: (p, e) => `${p} 必须是以下之一：${e.split(': ').pop()}`,
  min: (p, e) => `${p} 不能小于 ${e.match(/not be less than (\S+)/)?.[1] ?? ''}`.trim(),
  max: (p, e) => `${p} 不能大于 ${e.match(/not be greater than (\S+)/)?.[1] ?? ''}`.trim(),
  maxLength: (p, e) => `${p} 过长（最多 ${e.match(/equal to (\d+)/)?.[1] ?? ''} 个字符）`,
  minLength: (p, e) => `${p} 过短（至少 ${e.match(/equal to (\d+)/)?.[1] ?? ''} 个字符）`,
  arrayMaxSize: (p, e) => `${p} 最多 ${e.match(/(\d+)/)?.[1] ?? ''} 项`,
  arrayMinSize: (p, e) => `${p} 至少 ${e.match(/(\d+)/)?.[1] ?? ''} 项`,
  isUrl: (p) => `${p} 必须是有效的网址（http 或 https）`,
  whitelistValidation: (p) => `${p} 是未知字段`,
  isPositive: (p) => `${p} 必须是正数`,
  isObject: (p) => `${p} 必须是对象`,
};

/** Each message names the field in Chinese with its API path: `类型（kind）必须是以下之一：…`. */
export function validationMessages(errors: ValidationError[], parent = ''): string[] {
  const messages: string[] = [];
  for (const error of errors) {
    const path = parent ? `${parent}.${error.property}` : error.property;
    const name = fieldName(path);
    for (const [constraint, english] of Object.entries(error.constraints ?? {})) {
      const translate = CHINESE[constraint];
      // Custom messages (ours, via $property) are already Chinese; keep them with the named field.
      const custom = /[\u4e00-\u9fff]/.test(english);
      const message = custom ? english.replace(new RegExp(`^${error.property}`), name) : translate ? translate(name, english) : `${name}: ${english}`;
      // `类型（kind）必须是…`: no space after a Chinese name, as for a bare API name.
      messages.push(message.replace(/^([^（]*（[^）]*）)\s+/, '$1'));
    }
    if (error.children?.length) messages.push(...validationMessages(error.children, path));
  }
  return messages;
}

// A row id in a path: digits only, within what an INT column and a JS number both hold exactly.
const ID = /^[1-9]\d{0,14}$/;

/**
 * The global pipe: class-validator on DTOs, and numeric path parameters (`@Param('id',
 * ParseIntPipe) id: number`) checked here first, so `abc`, `1e300` or `-1` get a Chinese 400
 * naming the parameter instead of ParseIntPipe's English one.
 */
class DubanValidationPipe extends ValidationPipe {
  override async transform(value: unknown, metadata: ArgumentMetadata): Promise<unknown> {
    if (metadata.type === 'param' && metadata.metatype === Number && metadata.data && !(typeof value === 'string' && ID.test(value))) {
      throw new BadRequestException(`路径中的${fieldName(metadata.data)}必须是正整数，收到 "${String(value).slice(0, 40)}"`);
    }
    return super.transform(value, metadata);
  }
}

export function createValidationPipe(): ValidationPipe {
  return new DubanValidationPipe({
    whitelist: true,
    forbidNonWhitelisted: true,
    transform: true,
    exceptionFactory: (errors) => new BadRequestException(validationMessages(errors)),
  });
}
