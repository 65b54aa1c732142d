/** Plain mail bodies (account notices, invitations): the same paragraphs as text and as HTML. */
import { escapeHtml } from '../shared/html';

/** A paragraph: text, or text with one link. */
export type MailParagraph = string | { text: string; link: { label: string; url: string } };

export interface MailBody {
  text: string;
  html: string;
}

/** A short notice: a heading and paragraphs, as text and as a self-contained HTML page. */
export function noticeBody(heading: string, paragraphs: MailParagraph[]): MailBody {
  const text = [heading, '', ...paragraphs.map((p) => (typeof p === 'string' ? p : `${p.text} ${p.link.label}: ${p.link.url}`)).flatMap((p) => [p, ''])].join('\n');
  const html = `<!doctype html><html lang="en"><head><meta charset="utf-8"><title>${escapeHtml(heading)}</title></head><body style="font:15px/1.5 system-ui,sans-serif;color:#1a1a1a;max-width:40rem"><h1 style="font-size:20px">${escapeHtml(heading)}</h1>${paragraphs
    .map((p) => (typeof p === 'string' ? `<p>${escapeHtml(p)}</p>` : `<p>${escapeHtml(p.text)} <a href="${escapeHtml(p.link.url)}">${escapeHtml(p.link.label)}</a></p>`))
    .join('')}</body></html>`;
  return { text, html };
}
