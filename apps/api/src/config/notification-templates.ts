import { readFileSync } from 'node:fs';
import { isAbsolute, join } from 'node:path';
import { KEYWORD_TYPES, TEMPLATE_KINDS, TEMPLATE_PURPOSES, type KeywordType, type TemplateKind, type TemplatePurpose } from '@jiayi/domain';
import { ConfigError, type Env } from './configuration';
import { repoRoot } from './repo-root';

/** Where a keyword's value comes from: the item or notice title, its body, when it happened, who sends it. */
export const KEYWORD_SOURCES = ['title', 'body', 'time', 'sender'] as const;
export type KeywordSource = (typeof KEYWORD_SOURCES)[number];

export interface TemplateKeyword {
  key: string;
  type: KeywordType;
  source: KeywordSource;
}

export interface TemplateConfig {
  purpose: TemplatePurpose;
  templateId: string;
  kind: TemplateKind;
  title: string;
  keywords: TemplateKeyword[];
}

function fail(file: string, message: string): never {
  throw new ConfigError(`${file}: ${message}`);
}

/**
 * The subscribe-message templates (config/notification-templates.json, or NOTIFICATION_TEMPLATES_FILE),
 * checked at boot: every purpose has exactly one template, ids are unique, keyword keys are
 * `<type><n>` as WeChat names them, types and sources known.
 */
export function loadNotificationTemplates(env: Env = process.env): TemplateConfig[] {
  const configured = env.NOTIFICATION_TEMPLATES_FILE ?? 'config/notification-templates.json';
  const file = isAbsolute(configured) ? configured : join(repoRoot(), configured);
  let raw: unknown;
  try {
    raw = JSON.parse(readFileSync(file, 'utf8'));
  } catch (error) {
    fail(file, `cannot be read as JSON (${(error as Error).message})`);
  }
  const templates = (raw as { templates?: unknown }).templates;
  if (!Array.isArray(templates)) fail(file, '"templates" must be an array');
  const seen = new Set<string>();
  const parsed = templates.map((entry: Record<string, unknown>, index): TemplateConfig => {
    const at = `templates[${index}]`;
    if (!TEMPLATE_PURPOSES.includes(entry.purpose as TemplatePurpose)) fail(file, `${at}.purpose must be one of ${TEMPLATE_PURPOSES.join(', ')}`);
    if (typeof entry.templateId !== 'string' || !/^[A-Za-z0-9_-]{1,64}$/.test(entry.templateId)) fail(file, `${at}.templateId is missing or malformed`);
    if (seen.has(entry.templateId)) fail(file, `${at}.templateId ${entry.templateId} is listed twice`);
    seen.add(entry.templateId);
    if (!TEMPLATE_KINDS.includes(entry.kind as TemplateKind)) fail(file, `${at}.kind must be oneTime or longTerm`);
    if (typeof entry.title !== 'string' || entry.title === '') fail(file, `${at}.title is missing`);
    if (!Array.isArray(entry.keywords) || entry.keywords.length === 0) fail(file, `${at}.keywords must list the template's keywords`);
    const keywords = entry.keywords.map((keyword: Record<string, unknown>, k): TemplateKeyword => {
      const type = keyword.type as KeywordType;
      if (!KEYWORD_TYPES.includes(type)) fail(file, `${at}.keywords[${k}].type must be one of ${KEYWORD_TYPES.join(', ')}`);
      if (typeof keyword.key !== 'string' || !new RegExp(`^${type}\\d{1,2}$`).test(keyword.key)) fail(file, `${at}.keywords[${k}].key must be ${type}<n>`);
      if (!KEYWORD_SOURCES.includes(keyword.source as KeywordSource)) fail(file, `${at}.keywords[${k}].source must be one of ${KEYWORD_SOURCES.join(', ')}`);
      return { key: keyword.key, type, source: keyword.source as KeywordSource };
    });
    return { purpose: entry.purpose as TemplatePurpose, templateId: entry.templateId, kind: entry.kind as TemplateKind, title: entry.title, keywords };
  });
  for (const purpose of TEMPLATE_PURPOSES) {
    if (parsed.filter((t) => t.purpose === purpose).length !== 1) fail(file, `purpose ${purpose} needs exactly one template`);
  }
  return parsed;
}
