// A correspondence-style service-owner system, the target of the seed dialogs' GUI and API
// actions: GET /platform/correspondence/api/v1/correspondence/{id}/content and POST .../confirm.
// It accepts either the dialog's dialog token (verified with Dialogporten's JWKS: issuer, expiry,
// the dialog id in `i` and the action in `a`) or an access token (Maskinporten, ID-porten or
// Altinn) with `altinn:correspondence.read` / `altinn:correspondence.write` for a party the caller
// may act for. Confirming records a CorrespondenceConfirmed activity on the dialog, which in turn
// produces Dialogporten's events. A correspondence id is the id of the dialog that points at it.
import {
	canAccess,
	endUserActorId,
	endUserName,
	principalFromClaims,
	unauthorized,
	type Principal,
} from './auth';
import type { Context } from './context';
import type { Dialogporten } from './dialogporten/service';
import type { StoredDialog } from './dialogporten/model';
import {
	bearerToken,
	empty,
	escapeHtml,
	html,
	json,
	type Request,
	type Response,
	type Router,
} from './http';
import { endUserParties } from './auth';

type Caller =
	| { kind: 'dialogToken'; claims: Record<string, unknown> }
	| { kind: 'principal'; principal: Principal };

export class Correspondence {
	constructor(
		private readonly ctx: Context,
		private readonly dialogporten: Dialogporten,
	) {}

	register(router: Router): void {
		const base = '/platform/correspondence/api/v1/correspondence/{id}';
		router.add('GET', `${base}/content`, (req) => this.content(req));
		router.add('POST', `${base}/confirm`, (req) => this.confirm(req));
		router.add('GET', '/platform/correspondence/ui/correspondence/{id}', (req) => this.page(req));
	}

	private find(id: string): StoredDialog | undefined {
		const d = this.dialogporten.store.get(id);
		if (!d || d.deletedAt !== undefined) return undefined;
		const marker = `/platform/correspondence/api/v1/correspondence/${d.id}/`;
		return d.details.apiActions.some((a) => a.endpoints.some((e) => e.url.includes(marker)))
			? d
			: undefined;
	}

	private async caller(req: Request): Promise<Caller | Response> {
		const token = bearerToken(req);
		if (!token) return unauthorized();
		const issuer = this.ctx.tokens.issuerOf(token);
		const verified = await this.ctx.tokens.verify(
			token,
			issuer === 'dialogporten' ? ['dialogporten'] : ['maskinporten', 'idporten', 'altinn'],
			// A service owner's own system, not Altinn: the stand-in allows it no skew.
			0,
		);
		if (!verified.ok) return unauthorized(verified.reason);
		if (verified.value.issuer === 'dialogporten')
			return { kind: 'dialogToken', claims: verified.value.claims };
		return {
			kind: 'principal',
			principal: principalFromClaims(verified.value.issuer, token, verified.value.claims),
		};
	}

	/** 403 unless the caller may perform `action` (read | confirm) on the correspondence. */
	private allowed(caller: Caller, d: StoredDialog, action: 'read' | 'confirm'): boolean {
		if (caller.kind === 'dialogToken') {
			const actions = String(caller.claims.a ?? '').split(';');
			return (
				caller.claims.i === d.id &&
				caller.claims.p === d.party &&
				(actions.includes(action) || (action === 'confirm' && actions.includes('write')))
			);
		}
		const p = caller.principal;
		const scope = action === 'read' ? 'altinn:correspondence.read' : 'altinn:correspondence.write';
		if (!p.scopes.has(scope)) return false;
		if (action === 'read' && p.serviceOwnerCode === d.org && !p.person && !p.systemUser)
			return true;
		return !!canAccess(endUserParties(p), d.party, d.serviceResource);
	}

	private body(d: StoredDialog): Record<string, unknown> {
		const content = d.details.content;
		const confirmed = d.details.activities.find((a) => a.type === 'CorrespondenceConfirmed');
		return {
			correspondenceId: d.id,
			dialogId: d.id,
			resourceId: d.serviceResource,
			sender: d.org,
			recipient: d.party,
			title: content?.title.value ?? [],
			summary: content?.summary?.value ?? [],
			body: content?.additionalInfo?.value ?? [],
			status: confirmed ? 'Confirmed' : 'Published',
			confirmedAt: confirmed ? new Date(confirmed.createdAt).toISOString() : undefined,
		};
	}

	private async content(req: Request): Promise<Response> {
		const caller = await this.caller(req);
		if (!('kind' in caller)) return caller;
		const d = this.find(req.params.id);
		if (!d) return empty(404);
		if (!this.allowed(caller, d, 'read')) return empty(403);
		this.ctx.counters.increment('correspondence.read');
		return json(200, this.body(d));
	}

	private async confirm(req: Request): Promise<Response> {
		const caller = await this.caller(req);
		if (!('kind' in caller)) return caller;
		const d = this.find(req.params.id);
		if (!d) return empty(404);
		if (!this.allowed(caller, d, 'confirm')) return empty(403);
		if (!d.details.activities.some((a) => a.type === 'CorrespondenceConfirmed')) {
			const actorId =
				caller.kind === 'dialogToken'
					? String(caller.claims.c ?? '')
					: endUserActorId(caller.principal);
			const actorName = caller.kind === 'principal' ? endUserName(caller.principal) : undefined;
			this.dialogporten.addActivity(d, {
				type: 'CorrespondenceConfirmed',
				performedBy: actorId
					? { actorType: 'PartyRepresentative', actorId, actorName }
					: { actorType: 'PartyRepresentative', actorName: actorName ?? 'Unknown' },
			});
			this.ctx.counters.increment('correspondence.confirmed');
		}
		return json(200, this.body(d));
	}

	private page(req: Request): Response {
		const d = this.find(req.params.id);
		if (!d) return html(404, '<!doctype html><p>Not found</p>');
		const title = d.details.content?.title.value[0]?.value ?? d.id;
		return html(
			200,
			`<!doctype html><html><head><meta charset="utf-8"><title>${escapeHtml(title)}</title></head><body><h1>${escapeHtml(title)}</h1><p>Meldingen vises i avsenderens system (lokal testtjeneste).</p></body></html>`,
		);
	}
}
