// The end user's inbox ("arbeidsflate", af.altinn.no / af.tt.altinn.no), as far as a link from n8n
// reaches it: `GET /af/inbox/{dialogId}` shows one dialog, as the real inbox's route /inbox/:id
// does after login. Read-only and without login: it serves the stand-in's own test data.
import type { Dialogporten } from './dialogporten/service';
import { escapeHtml, html, type Request, type Response, type Router } from './http';

export const INBOX_PATH = '/af';

export class Inbox {
	constructor(private readonly dialogporten: Dialogporten) {}

	register(router: Router): void {
		router.add('GET', `${INBOX_PATH}/inbox/{id}`, (req) => this.page(req));
	}

	private page(req: Request): Response {
		const d = this.dialogporten.store.get(req.params.id);
		if (!d || d.deletedAt !== undefined)
			return html(
				404,
				'<!doctype html><html><head><meta charset="utf-8"><title>Altinn innboks (lokal)</title></head><body><h1>Fant ikke dialogen</h1></body></html>',
			);
		const content = d.details.content;
		const title = content?.title.value[0]?.value ?? d.id;
		const summary = content?.summary?.value[0]?.value ?? '';
		const rows: Array<[string, string]> = [
			['Status', d.status],
			['Part', d.party],
			['Tjeneste', d.serviceResource],
			['Oppdatert', new Date(d.updatedAt).toISOString()],
			['Dialog-ID', d.id],
		];
		const table = rows.map(([k, v]) => `<tr><th>${k}</th><td>${escapeHtml(v)}</td></tr>`).join('');
		return html(
			200,
			`<!doctype html><html><head><meta charset="utf-8"><title>${escapeHtml(title)} – Altinn innboks (lokal)</title></head><body><h1>${escapeHtml(title)}</h1>${summary ? `<p>${escapeHtml(summary)}</p>` : ''}<table>${table}</table></body></html>`,
		);
	}
}
