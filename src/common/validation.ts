import { BadRequestException, ValidationError, ValidationPipe } from '@nestjs/common';
import { registerDecorator, ValidationOptions } from 'class-validator';
import { isLocalDate } from '../calendar/local-date';

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
      validator: {
        validate: (value: unknown) =>
          typeof value === 'string' && INSTANT.test(value) && isLocalDate(value.slice(0, 10)) && !Number.isNaN(Date.parse(value.length === 10 ? value : value.replace(' ', 'T'))),
      },
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

export function validationMessages(errors: ValidationError[], parent = ''): string[] {
  const messages: string[] = [];
  for (const error of errors) {
    const path = parent ? `${parent}.${error.property}` : error.property;
    for (const [name, english] of Object.entries(error.constraints ?? {})) {
      const translate = CHINESE[name];
      // Custom messages (ours, via $property) are already Chinese; keep them with the full path.
      const custom = /[\u4e00-\u9fff]/.test(english);
      messages.push(custom ? english.replace(new RegExp(`^${error.property}`), path) : translate ? translate(path, english) : `${path}: ${english}`);
    }
    if (error.children?.length) messages.push(...validationMessages(error.children, path));
  }
  return messages;
}

export function createValidationPipe(): ValidationPipe {
  return new ValidationPipe({
    whitelist: true,
    forbidNonWhitelisted: true,
    transform: true,
    exceptionFactory: (errors) => new BadRequestException(validationMessages(errors)),
  });
}
