/** An organization's website, shown as its host; it opens in a new tab without handing over this page. */
export function WebsiteLink({ href }: { href: string }) {
  let label = href;
  try {
    label = new URL(href).host + new URL(href).pathname.replace(/\/$/, '');
  } catch {
    // Not a URL the browser reads: shown as stored.
  }
  return (
    <a href={href} target="_blank" rel="noopener noreferrer">
      {label}
      <span className="visually-hidden"> (opens in a new tab)</span>
    </a>
  );
}
