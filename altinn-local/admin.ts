// The admin routes tests and the demo use (`/admin/...`): fixtures, faults, revocation, stats,
// spec violations, dialogs and activities created through Dialogporten's own validation.
import type { Context } from './context';
import type { Dialogporten } from './dialogporten/service';
import type { AltinnEvents } from './events/service';
import { type Faults, type FaultRule } from './faults';
import * as fixtures from './fixtures';
import {
	bodyJson,
	empty,
	json,
	newTraceId,
	type Request,
	type Response,
	type Router,
} from './http';
import type { IdPorten } from './idporten/service';

/**
 * Calls a Dialogporten service-owner operation in-process with a freshly minted token for the
 * given service owner, so admin helpers go through the same validation as API clients.
 */
export async function adminCall(
	ctx: Context,
	method: string,
	path: string,
	body: unknown,
	org: string,
	router: Router,
	contentType = 'application/json',
): Promise<Response> {
	const orgNumber = Object.values(fixtures.organizations).find(
		(o) => 'serviceOwnerCode' in o && o.serviceOwnerCode === org,
	)?.orgNumber;
	if (!orgNumber) throw new Error(`Unknown service owner '${org}'`);
	const now = Math.floor(Date.now() / 1000);
	const token = await ctx.tokens.sign('maskinporten', {
		aud: 'unspecified',
		scope:
			'digdir:dialogporten.serviceprovider digdir:dialogporten.serviceprovider.search digdir:dialogporten.serviceprovider.changetransmissions',
		client_id: 'altinn-local-admin',
		client_amr: 'private_key_jwt',
		token_type: 'Bearer',
		consumer: { authority: 'iso6523-actorid-upis', ID: `0192:${orgNumber}` },
		exp: now + 60,
	});
	const url = new URL(path, ctx.baseUrl);
	const match = router.match(method, url.pathname);
	if (!match || match === 'method-not-allowed') throw new Error(`No route ${method} ${path}`);
	const req: Request = {
		method,
		url,
		path: url.pathname,
		query: url.searchParams,
		headers: { authorization: `Bearer ${token}`, 'content-type': contentType },
		body: Buffer.from(JSON.stringify(body)),
		raw: undefined as never,
		params: match.params,
		traceId: newTraceId(),
	};
	return match.handler(req);
}

export function registerAdmin(
	router: Router,
	ctx: Context,
	faults: Faults,
	dialogporten: Dialogporten,
	idporten: IdPorten,
	events: AltinnEvents,
): void {
	router.add('POST', '/admin/idporten/auto-consent', (req) => {
		const body = bodyJson(req);
		const pid = body.ok ? (body.value as { pid?: string | null } | undefined)?.pid : undefined;
		idporten.autoConsent = pid ?? undefined;
		return json(200, { autoConsent: idporten.autoConsent ?? null });
	});
	router.add('POST', '/admin/idporten/redirect-uris', (req) => {
		const body = bodyJson(req);
		const uri = body.ok ? (body.value as { uri?: string } | undefined)?.uri : undefined;
		if (!uri) return json(400, { error: 'uri is required' });
		idporten.addRedirectUri(uri);
		return empty(204);
	});
	router.add('GET', '/admin/events/subscriptions', () => json(200, events.listSubscriptions()));
	router.add('GET', '/admin/events/deliveries', () => json(200, events.deliveries));
	router.add('GET', '/admin/events/published', () => json(200, events.published()));
	router.add('POST', '/admin/events/flush-cache', () => {
		events.flushSubscriptionCache();
		return empty(204);
	});
	router.add('GET', '/admin/health', () =>
		json(200, { status: 'ok', dialogs: dialogporten.store.size }),
	);
	// The committed test identities, so credentials can be filled in by copy and paste (test-only keys).
	router.add('GET', '/admin/fixtures', () =>
		json(200, {
			maskinportenClients: fixtures.maskinportenClients.map((c) => ({
				clientId: c.clientId,
				description: c.description,
				orgNumber: c.orgNumber,
				scopes: c.scopes,
				keys: c.keys
					.filter((k) => !k.expired)
					.map((k) => ({ kid: k.kid, privateJwk: JSON.stringify(k.privateJwk) })),
				certificatePem: 'certificatePem' in c ? c.certificatePem : undefined,
				privateKeyPem: 'privateKeyPem' in c ? c.privateKeyPem : undefined,
				delegations: c.delegations,
				systemId: c.systemId,
			})),
			idPortenClient: idporten.client,
			// The CA behind the business certificate, for a credential's certificate chain.
			pki: { testCa: fixtures.pki.testCa },
			organizations: fixtures.organizations,
			persons: fixtures.persons,
			systemUsers: fixtures.systemUsers,
			resources: fixtures.resources,
		}),
	);
	router.add('GET', '/admin/faults', () => json(200, faults.list()));
	router.add('POST', '/admin/faults', (req) => {
		const body = bodyJson(req);
		if (!body.ok) return json(400, { error: body.error });
		try {
			faults.set(body.value as FaultRule[]);
		} catch (e) {
			return json(400, { error: (e as Error).message });
		}
		return json(200, faults.list());
	});
	router.add('DELETE', '/admin/faults', () => {
		faults.clear();
		return empty(204);
	});
	router.add('POST', '/admin/tokens/revoke', (req) => {
		const body = bodyJson(req);
		const v = body.ok ? (body.value as { token?: string; jti?: string }) : undefined;
		const what = v?.token ?? v?.jti;
		if (!what) return json(400, { error: 'token or jti is required' });
		ctx.tokens.revoke(what);
		return empty(204);
	});
	router.add('GET', '/admin/stats', () =>
		json(200, {
			requests: ctx.counters.get('requests'),
			maskinportenGrants: ctx.counters.get('maskinporten.grants'),
			maskinportenRejections: ctx.counters.get('maskinporten.rejected'),
			exchanges: ctx.counters.get('exchange.tokens'),
			operations: ctx.counters.get('dialogporten.operations'),
			faultsInjected: faults.injected,
			specViolations: ctx.specViolations.length,
			idportenTokens: ctx.counters.get('idporten.tokens'),
			eventsPublished: ctx.counters.get('events.published'),
			eventDeliveries: events.deliveries.length,
		}),
	);
	router.add('GET', '/admin/spec-violations', () => json(200, ctx.specViolations));
	router.add('DELETE', '/admin/spec-violations', () => {
		ctx.specViolations.length = 0;
		return empty(204);
	});
	router.add('POST', '/admin/dialogs', async (req) => {
		const body = bodyJson(req);
		if (!body.ok) return json(400, { error: body.error });
		const org = req.query.get('org') ?? 'ttd';
		return adminCall(
			ctx,
			'POST',
			'/dialogporten/api/v1/serviceowner/dialogs',
			body.value,
			org,
			router,
		);
	});
	router.add('PATCH', '/admin/dialogs/{id}', async (req) => {
		const d = dialogporten.store.get(req.params.id);
		if (!d) return empty(404);
		const body = bodyJson(req);
		if (!body.ok) return json(400, { error: body.error });
		return adminCall(
			ctx,
			'PATCH',
			`/dialogporten/api/v1/serviceowner/dialogs/${d.id}`,
			body.value,
			d.org,
			router,
			'application/json-patch+json',
		);
	});
	router.add('POST', '/admin/dialogs/{id}/activities', (req) => {
		const d = dialogporten.store.get(req.params.id);
		if (!d) return empty(404);
		const body = bodyJson(req);
		const v = (body.ok ? body.value : {}) as { type?: string; description?: string };
		const a = dialogporten.addActivity(d, {
			type: (v.type ?? 'Information') as never,
			performedBy: { actorType: 'ServiceOwner' },
			description: v.description ? [{ languageCode: 'nb', value: v.description }] : undefined,
		});
		return json(201, a.id);
	});
}
