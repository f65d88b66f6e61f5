import { NestExpressApplication } from '@nestjs/platform-express';
import type { Request, Response } from 'express';
import { dirname } from 'node:path';
import nunjucks from 'nunjucks';
import { fromRoot } from '../common/paths';
import { ROLE_LABELS } from '../common/actor';
import { AppConfig } from '../config/config';
import { MESSAGE_CATEGORY_LABELS } from '../evidence/messages.dto';
import { BUILT_IN_REQUIREMENTS, PERIOD_LABELS } from '../requirements/built-in-requirements';
import { legacyEmailLinks } from './legacy-links';
import { FindingSource, taskSourceLabel } from '../rectification/rectification-settings';
import * as f from './view-format';

/**
 * Server-rendered pages: Nunjucks with auto-escaping (a unit called `<script>` shows as text),
 * a stylesheet and small scripts from `public/`, ECharts from the installed package. Nothing
 * comes from a CDN: government intranets have no internet.
 */
export function configureViews(app: NestExpressApplication, config: AppConfig): void {
  const env = nunjucks.configure(fromRoot('views'), {
    autoescape: true,
    express: app.getHttpAdapter().getInstance(),
    noCache: config.nodeEnv !== 'production',
    throwOnUndefined: false,
  });
  const tz = config.timeZone;
  env.addFilter('cnDate', (v) => f.cnDate(v, tz));
  env.addFilter('cnDateTime', (v) => f.cnDateTime(v, tz));
  env.addFilter('cnDue', (v) => f.cnDue(v, tz));
  const labels: Record<string, Record<string, string>> = {
    role: ROLE_LABELS,
    taskStatus: f.TASK_STATUS_LABELS,
    itemStatus: f.ITEM_STATUS_LABELS,
    unitKind: f.UNIT_KIND_LABELS,
    unitLevel: f.UNIT_LEVEL_LABELS,
    channelKind: f.CHANNEL_KIND_LABELS,
    dayKind: f.DAY_KIND_LABELS,
    source: f.SOURCE_LABELS,
    category: f.CATEGORY_LABELS,
    messageCategory: MESSAGE_CATEGORY_LABELS,
    period: PERIOD_LABELS,
  };
  env.addFilter('label', (value: string, kind: string) => labels[kind]?.[value] ?? value);
  env.addFilter('taskSource', (task: { findingSource: FindingSource | null }) => taskSourceLabel(task));
  env.addFilter('percent', (v: number | null | undefined) => (v == null ? '—' : `${Math.round(v * 1000) / 10}%`));
  env.addFilter('json', (v: unknown) => new nunjucks.runtime.SafeString(JSON.stringify(v ?? null).replace(/</g, '\\u003c')));
  env.addGlobal('labels', labels);
  env.addGlobal('requirementTitles', Object.fromEntries(BUILT_IN_REQUIREMENTS.map((r) => [r.code, r.title])));
  app.setViewEngine('njk');
  const maxAge = config.nodeEnv === 'production' ? '1h' : 0;
  app.useStaticAssets(fromRoot('public'), { prefix: '/assets/', maxAge });
  // Browsers ask for /favicon.ico by themselves (for files and error pages too), whatever a page links.
  const favicon = fromRoot('public', 'favicon.ico');
  app.getHttpAdapter().getInstance().get('/favicon.ico', (_req: Request, res: Response) => res.sendFile(favicon, { maxAge }));
  app.use(legacyEmailLinks);
  app.useStaticAssets(dirname(require.resolve('echarts/dist/echarts.min.js')), { prefix: '/assets/vendor/echarts/', maxAge: '1d' });
}
