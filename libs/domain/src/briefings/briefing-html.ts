import MarkdownIt from 'markdown-it';
import { escapeHtml } from '../shared/html';

// Raw HTML off: whatever the Markdown holds is shown as text, never run. Links open in a new tab.
const markdown = new MarkdownIt({ html: false, linkify: false, typographer: false });
const defaultLink = markdown.renderer.rules.link_open ?? ((tokens, idx, options, _env, self) => self.renderToken(tokens, idx, options));
markdown.renderer.rules.link_open = (tokens, idx, options, env, self) => {
  tokens[idx].attrSet('rel', 'noopener noreferrer');
  return defaultLink(tokens, idx, options, env, self);
};
// Sections get ids (what a dashboard links to and the browser test looks for).
const defaultHeading = markdown.renderer.rules.heading_open ?? ((tokens, idx, options, _env, self) => self.renderToken(tokens, idx, options));
markdown.renderer.rules.heading_open = (tokens, idx, options, env, self) => {
  const text = tokens[idx + 1]?.content ?? '';
  if (tokens[idx].tag === 'h2') tokens[idx].attrSet('id', slug(text));
  return defaultHeading(tokens, idx, options, env, self);
};

const STYLE = `
  :root { color-scheme: light; }
  body { font: 15px/1.5 system-ui, -apple-system, "Segoe UI", Roboto, sans-serif; color: #1d232b; max-width: 52rem; margin: 2rem auto; padding: 0 1.5rem; }
  h1 { font-size: 1.7rem; margin-bottom: .2rem; }
  h2 { font-size: 1.25rem; border-bottom: 2px solid #d7dde4; padding-bottom: .2rem; margin-top: 2rem; }
  h3 { font-size: 1.08rem; margin-bottom: .3rem; }
  h4 { font-size: .95rem; color: #46505c; margin: .8rem 0 .3rem; }
  blockquote { margin: .5rem 0; padding: .3rem .9rem; border-left: 3px solid #9fb3c8; background: #f4f7fa; }
  a { color: #1f5fa8; }
  ol li, ul li { margin: .15rem 0; }
  #what-changed-since-version-1, [id^="what-changed"] { background: #fff8e1; padding: .3rem .5rem; }
  @media print { body { margin: 0; max-width: none; } a { color: inherit; } }
`;

/** The briefing as a standalone HTML page, from its Markdown. */
export function renderBriefingHtml(markdownText: string, title: string): string {
  const body = markdown.render(markdownText);
  return `<!doctype html>
<html lang="en">
<head>
<meta charset="utf-8">
<meta name="viewport" content="width=device-width, initial-scale=1">
<title>${escapeHtml(title)}</title>
<style>${STYLE}</style>
</head>
<body>
<main>
${body}</main>
</body>
</html>
`;
}

export function slug(text: string): string {
  return text
    .normalize('NFKD')
    .replace(/[\u0300-\u036f]/g, '')
    .toLowerCase()
    .replace(/[^a-z0-9]+/g, '-')
    .replace(/^-|-$/g, '');
}
