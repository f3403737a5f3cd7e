// What ID-porten answers besides tokens: its error page, the login-and-consent page a test can post
// to without a browser, and the token endpoint's OAuth errors.
import { persons } from '../fixtures';
import { escapeHtml, html, json, type Response } from '../http';
import type { PendingAuthorization } from './model';

export function errorPage(status: number, message: string): Response {
	return html(
		status,
		`<!doctype html><html><head><title>ID-porten (local)</title></head><body><h1>Feil</h1><p>${escapeHtml(message)}</p></body></html>`,
	);
}

export function loginPage(p: PendingAuthorization): string {
	const options = Object.values(persons)
		.map(
			(person) =>
				`<option value="${person.pid}"${person.pid === p.loginHint ? ' selected' : ''}>${escapeHtml(person.name)} (${person.pid})</option>`,
		)
		.join('');
	const scopes = p.scope.map((s) => `<li>${escapeHtml(s)}</li>`).join('');
	return `<!doctype html><html lang="nb"><head><meta charset="utf-8"><title>ID-porten (local) – logg inn</title></head><body>
<h1>Logg inn med testbruker</h1>
<form method="post" action="/idporten/authorize/consent">
<input type="hidden" name="request_id" value="${p.id}">
<label>Testbruker <select name="pid">${options}</select></label>
<p>${escapeHtml(p.client.clientId)} ber om tilgang til:</p><ul>${scopes}</ul>
<button type="submit" name="decision" value="approve">Godta</button>
<button type="submit" name="decision" value="deny">Avbryt</button>
</form></body></html>`;
}

export function tokenError(status: number, error: string, description: string): Response {
	return json(status, { error, error_description: description }, { 'cache-control': 'no-store' });
}
