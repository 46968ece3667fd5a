/** The page the browser shows after Google sends the teacher back to the app. */

const ESCAPES: Record<string, string> = { '&': '&amp;', '<': '&lt;', '>': '&gt;', '"': '&quot;', "'": '&#39;' };

export function escapeHtml(text: string): string {
  return text.replace(/[&<>"']/g, (c) => ESCAPES[c] ?? c);
}

export function renderCallbackPage(outcome: { ok: boolean; message: string }): string {
  const title = outcome.ok ? 'Teacher Desk is connected' : 'Teacher Desk could not connect';
  const hint = outcome.ok ? 'You can close this tab and return to Teacher Desk.' : 'You can close this tab and return to Teacher Desk to try again.';
  return `<!doctype html>
<html lang="en">
<head>
<meta charset="utf-8">
<meta name="viewport" content="width=device-width, initial-scale=1">
<title>${escapeHtml(title)}</title>
<style>body{font-family:system-ui,sans-serif;max-width:32rem;margin:4rem auto;padding:0 1rem;color:#222}h1{font-size:1.4rem}</style>
</head>
<body>
<h1>${escapeHtml(title)}</h1>
<p>${escapeHtml(outcome.message)}</p>
<p>${escapeHtml(hint)}</p>
</body>
</html>
`;
}
