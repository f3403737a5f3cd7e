// The local Altinn stand-in: Maskinporten, ID-porten, Altinn token exchange, Dialogporten, Altinn
// Events and a correspondence-style service-owner system on one port of 127.0.0.1, behaving as the
// public documentation describes them. Start it from code with startAltinnLocal(), or from the
// command line with `npm run altinn-local`.
import { createServer, type IncomingMessage, type ServerResponse } from 'node:http';
import type { AddressInfo, Socket } from 'node:net';
import { Context, type ResolvedOptions, type SpecViolation, type TokenLifetimes } from './context';
import { Dialogporten } from './dialogporten/service';
import type { ActivityType, StoredDialog } from './dialogporten/model';
import { TokenExchange } from './exchange';
import { Faults, parseFaultRules, type FaultRule } from './faults';
import * as fixtures from './fixtures';
import { createGrant, type GrantOptions } from './grants';
import {
	answer,
	bodyJson,
	empty,
	json,
	newTraceId,
	text,
	Router,
	type Request,
	type Response,
} from './http';
import { Maskinporten } from './maskinporten';
import { IdPorten, type IdPortenOptions, type IdPortenTokenResponse } from './idporten';
import {
	AltinnEvents,
	type CloudEvent,
	type Delivery,
	type EventsOptions,
	type Subscription,
} from './events';
import { Correspondence } from './correspondence';
import { specValidator } from './spec';
import { TokenService, type IssuedToken } from './tokens';

export { fixtures };
export { createGrant, type GrantOptions } from './grants';
export type { FaultRule, FaultKind } from './faults';
export type { SpecViolation, TokenLifetimes } from './context';
export type { IssuedToken, IssuerName } from './tokens';
export type { IdPortenOptions, IdPortenTokenResponse } from './idporten';
export type { CloudEvent, Delivery, EventsOptions, Subscription } from './events';

export interface AltinnLocalOptions {
	/** 0 = a random free port. Default: env ALTINN_LOCAL_PORT, else 7780. */
	port?: number;
	/** Number of seed dialogs. Default: env ALTINN_LOCAL_SEED_DIALOGS, else 50. */
	seedDialogs?: number;
	/** PRNG seed for the seed dialogs (same seed, same dialogs). */
	seedRandom?: number;
	tokenLifetimeSeconds?: TokenLifetimes;
	/** Multiplies every modelled delay (Events retries, visibility delay, subscription cache). Default 1. */
	timeScale?: number;
	/** Validate Dialogporten requests and responses against the OpenAPI document. Default true. */
	validateSpec?: boolean;
	/** No logging to stderr. Default true. */
	quiet?: boolean;
	/** Initial fault rules (env ALTINN_LOCAL_FAULTS is used when not given). */
	faults?: FaultRule[];
	idporten?: IdPortenOptions;
	events?: EventsOptions;
}

export interface AltinnLocalUrls {
	maskinporten: { issuer: string; token: string; wellKnown: string; jwks: string };
	idporten: { issuer: string; authorize: string; token: string; wellKnown: string; jwks: string };
	platform: string;
	exchange: { maskinporten: string; idporten: string };
	dialogporten: string;
	events: string;
	correspondence: string;
	admin: string;
}

export interface AltinnLocalStats {
	/** Successful Maskinporten grants (tokens issued), for one client or all. */
	maskinportenGrants(clientId?: string): number;
	/** Maskinporten grants rejected, by MP code or OAuth error, or all. */
	maskinportenRejections(code?: string): number;
	/** Requests received (before fault injection), by path prefix or all. */
	requests(pathPrefix?: string): number;
	/** Altinn tokens issued by the exchange, by provider (`maskinporten` | `id-porten`) or all. */
	exchanges(provider?: string): number;
	/** Dialogporten operations called, by operationId or all. */
	operations(operationId?: string): number;
	/** ID-porten token responses issued: for one grant type (`authorization_code` | `refresh_token`) or both. */
	idportenTokens(grantType?: 'authorization_code' | 'refresh_token'): number;
	/** CloudEvents published by Dialogporten, by type or all. */
	eventsPublished(type?: string): number;
	reset(): void;
}

export interface AltinnLocal {
	baseUrl: string;
	urls: AltinnLocalUrls;
	stop(): Promise<void>;
	specViolations: SpecViolation[];
	stats: AltinnLocalStats;
	faults: Faults;
	fixtures: typeof fixtures;
	tokens: {
		/** Revokes a token (its text or its jti) everywhere. */
		revoke(tokenOrJti: string): void;
		/**
		 * Every token handed out so far, oldest first: access, id, exchanged and dialog tokens of every
		 * issuer, and ID-porten refresh tokens (read-only copy; for tests that look for leaks).
		 */
		issued(kind?: IssuedToken['kind']): IssuedToken[];
		/** A Maskinporten access token for a fixture client, obtained through the real grant verification. */
		maskinporten(
			client: fixtures.MaskinportenClient,
			options: Omit<GrantOptions, 'issuer'>,
		): Promise<{ access_token: string; expires_in: number; scope: string }>;
	};
	idporten: {
		/** Runs the authorization code flow (PKCE, consent) for a fixture person; returns the tokens. */
		login(options?: {
			pid?: string;
			scope?: string;
			acr?: string;
			redirectUri?: string;
		}): Promise<IdPortenTokenResponse>;
		/** Skip the login page: authorize logs this person in and consents at once (undefined to turn off). */
		setAutoConsent(pid: string | undefined): void;
		/** Registers another redirect URI on the fixture ID-porten client. */
		addRedirectUri(uri: string): void;
	};
	events: {
		subscriptions(): Subscription[];
		/** Every webhook POST made (validation handshakes and events), with attempts and state. */
		deliveries(): Delivery[];
		/** Every CloudEvent Dialogporten published, in order. */
		published(): CloudEvent[];
		flushSubscriptionCache(): void;
		/** Resolves when `predicate` holds (checked on every change), rejects after `timeoutMs`. */
		waitFor<T>(predicate: () => T | undefined | false, timeoutMs?: number): Promise<T>;
	};
	dialogs: {
		count(): number;
		/** Creates a dialog as service owner `org` (default `ttd`), through the API's validation. Returns its id. */
		create(body: Record<string, unknown>, org?: string): Promise<string>;
		/** Raw stored dialog (read-only use). */
		get(id: string): StoredDialog | undefined;
		/** Applies a JSON Patch as the owning service owner would (PATCH). */
		patch(id: string, operations: Array<Record<string, unknown>>): Promise<void>;
		/** Appends an activity (as the service owner) and emits its events. */
		addActivity(id: string, type: ActivityType, description?: string): Promise<string>;
	};
}

function resolveOptions(options: AltinnLocalOptions): ResolvedOptions {
	const lifetimes = options.tokenLifetimeSeconds ?? {};
	return {
		timeScale: options.timeScale ?? 1,
		validateSpec: options.validateSpec ?? true,
		quiet: options.quiet ?? true,
		lifetimes: {
			maskinporten: lifetimes.maskinporten ?? 120,
			idporten: lifetimes.idporten ?? 120,
			idportenRefresh: lifetimes.idportenRefresh ?? 600,
			idportenAuthorization: lifetimes.idportenAuthorization ?? 7200,
			exchange: lifetimes.exchange ?? 1800,
			dialogToken: lifetimes.dialogToken ?? 600,
		},
	};
}

function envNumber(name: string): number | undefined {
	const v = process.env[name];
	if (v === undefined || v === '') return undefined;
	const n = Number(v);
	if (!Number.isFinite(n)) throw new Error(`${name} must be a number`);
	return n;
}

const MAX_BODY = 20 * 1024 * 1024;

export async function startAltinnLocal(options: AltinnLocalOptions = {}): Promise<AltinnLocal> {
	const port = options.port ?? envNumber('ALTINN_LOCAL_PORT') ?? 7780;
	const seedCount = options.seedDialogs ?? envNumber('ALTINN_LOCAL_SEED_DIALOGS') ?? 50;
	if (seedCount < 0 || seedCount > 1_000_000)
		throw new Error('seedDialogs must be between 0 and 1 000 000');
	const resolved = resolveOptions(options);
	const sockets = new Set<Socket>();
	const hanging = new Set<ServerResponse>();
	const router = new Router();
	const faults = new Faults();
	if (options.faults) faults.set(options.faults);
	else if (process.env.ALTINN_LOCAL_FAULTS)
		faults.set(parseFaultRules(JSON.parse(process.env.ALTINN_LOCAL_FAULTS)));

	// eslint-disable-next-line prefer-const
	let ctx: Context;
	const server = createServer((req, res) => {
		handle(req, res).catch((e) => {
			ctx?.log(`internal error: ${(e as Error).stack ?? e}`);
			if (!res.headersSent) {
				res.statusCode = 500;
				res.setHeader('content-type', 'text/plain; charset=utf-8');
				res.end('Internal Server Error');
			} else res.destroy();
		});
	});
	server.on('connection', (socket) => {
		sockets.add(socket);
		socket.on('close', () => sockets.delete(socket));
	});
	await new Promise<void>((resolve, reject) => {
		server.once('error', reject);
		server.listen(port, '127.0.0.1', () => resolve());
	});
	const actualPort = (server.address() as AddressInfo).port;
	const baseUrl = `http://127.0.0.1:${actualPort}`;
	const tokens = await TokenService.create(baseUrl);
	ctx = new Context(baseUrl, resolved, tokens, specValidator());

	const maskinporten = new Maskinporten(ctx);
	const exchange = new TokenExchange(ctx);
	const dialogporten = new Dialogporten(ctx);
	const idporten = new IdPorten(ctx, options.idporten);
	const events = new AltinnEvents(ctx, options.events);
	const correspondence = new Correspondence(ctx, dialogporten);
	dialogporten.onEvent((e) => events.publishDialogEvent(e));
	maskinporten.register(router);
	idporten.register(router);
	exchange.register(router);
	dialogporten.register(router);
	events.register(router);
	correspondence.register(router);
	const seedStarted = Date.now();
	dialogporten.seed(seedCount, options.seedRandom);
	ctx.log(`seeded ${seedCount} dialogs in ${Date.now() - seedStarted} ms`);

	registerAdmin(router, ctx, faults, dialogporten, idporten, events);

	async function handle(req: IncomingMessage, res: ServerResponse): Promise<void> {
		const chunks: Buffer[] = [];
		let size = 0;
		for await (const chunk of req) {
			size += (chunk as Buffer).length;
			if (size > MAX_BODY) {
				res.statusCode = 413;
				res.end();
				return;
			}
			chunks.push(chunk as Buffer);
		}
		const url = new URL(req.url ?? '/', baseUrl);
		const request: Request = {
			method: (req.method ?? 'GET').toUpperCase(),
			url,
			path: url.pathname,
			query: url.searchParams,
			headers: req.headers,
			body: Buffer.concat(chunks),
			raw: req,
			params: {},
			traceId: newTraceId(),
		};
		ctx.counters.increment('requests', request.path);
		let response: Response;
		const decision = faults.decide(request.method, request.path);
		if (decision && 'response' in decision) response = decision.response;
		else {
			if (decision && 'delayMs' in decision)
				await new Promise((r) => setTimeout(r, decision.delayMs));
			const match = router.match(request.method, request.path);
			if (!match) response = text(404, 'Not Found');
			else if (match === 'method-not-allowed') response = empty(405);
			else {
				request.params = match.params;
				response = await answer(() => match.handler(request));
			}
		}
		ctx.log(
			`${request.method} ${request.path}${url.search} -> ${response.reset ? 'reset' : response.hang ? 'hang' : response.status}`,
		);
		if (response.reset) {
			req.socket.destroy();
			return;
		}
		if (response.hang) {
			hanging.add(res);
			res.on('close', () => hanging.delete(res));
			return;
		}
		res.statusCode = response.status;
		for (const [k, v] of Object.entries(response.headers)) res.setHeader(k, v);
		if (request.method === 'HEAD') res.end();
		else res.end(response.body);
	}

	const urls: AltinnLocalUrls = {
		maskinporten: {
			issuer: tokens.issuers.maskinporten,
			token: `${baseUrl}/maskinporten/token`,
			wellKnown: `${baseUrl}/maskinporten/.well-known/oauth-authorization-server`,
			jwks: `${baseUrl}/maskinporten/jwk`,
		},
		idporten: {
			issuer: tokens.issuers.idporten,
			authorize: `${baseUrl}/idporten/authorize`,
			token: `${baseUrl}/idporten/token`,
			wellKnown: `${baseUrl}/idporten/.well-known/openid-configuration`,
			jwks: `${baseUrl}/idporten/jwks.json`,
		},
		platform: `${baseUrl}/platform`,
		exchange: {
			maskinporten: `${baseUrl}/platform/authentication/api/v1/exchange/maskinporten`,
			idporten: `${baseUrl}/platform/authentication/api/v1/exchange/id-porten`,
		},
		dialogporten: `${baseUrl}/dialogporten`,
		events: `${baseUrl}/events/api/v1`,
		correspondence: `${baseUrl}/platform/correspondence/api/v1`,
		admin: `${baseUrl}/admin`,
	};

	let stopped = false;
	const local: AltinnLocal = {
		baseUrl,
		urls,
		specViolations: ctx.specViolations,
		faults,
		fixtures,
		stats: {
			maskinportenGrants: (clientId) => ctx.counters.get('maskinporten.grants', clientId),
			maskinportenRejections: (code) => ctx.counters.get('maskinporten.rejected', code),
			requests: (prefix) =>
				prefix === undefined
					? ctx.counters.get('requests')
					: ctx.counters.sumPrefix('requests', prefix),
			exchanges: (provider) => ctx.counters.get('exchange.tokens', provider),
			operations: (operationId) => ctx.counters.get('dialogporten.operations', operationId),
			idportenTokens: (grantType) =>
				grantType
					? ctx.counters.get('idporten.grants', grantType)
					: ctx.counters.get('idporten.tokens'),
			eventsPublished: (type) => ctx.counters.get('events.published', type),
			reset: () => ctx.counters.reset(),
		},
		idporten: {
			login: (o) => idporten.login(o),
			setAutoConsent: (pid) => {
				idporten.autoConsent = pid;
			},
			addRedirectUri: (uri) => idporten.addRedirectUri(uri),
		},
		events: {
			subscriptions: () => events.listSubscriptions(),
			deliveries: () => events.deliveries,
			published: () => events.published(),
			flushSubscriptionCache: () => events.flushSubscriptionCache(),
			waitFor: <T>(predicate: () => T | undefined | false, timeoutMs = 5000) =>
				new Promise<T>((resolve, reject) => {
					const check = () => {
						const v = predicate();
						if (v !== undefined && v !== false) {
							cleanup();
							resolve(v as T);
						}
					};
					const timer = setTimeout(() => {
						cleanup();
						reject(new Error(`waitFor timed out after ${timeoutMs} ms`));
					}, timeoutMs);
					const off = events.onChange(check);
					const cleanup = () => {
						clearTimeout(timer);
						off();
					};
					check();
				}),
		},
		tokens: {
			revoke: (t) => tokens.revoke(t),
			issued: (kind) => tokens.issued().filter((t) => kind === undefined || t.kind === kind),
			maskinporten: async (client, grantOptions) => {
				const grant = await createGrant(client, {
					...grantOptions,
					issuer: tokens.issuers.maskinporten,
				});
				const issued = await maskinporten.issue(grant);
				ctx.counters.increment('maskinporten.grants', issued.clientId);
				return issued.response;
			},
		},
		dialogs: {
			count: () => dialogporten.store.size,
			get: (id) => dialogporten.store.get(id),
			create: async (body, org = 'ttd') => {
				const res = await adminCall(
					ctx,
					dialogporten,
					'POST',
					'/dialogporten/api/v1/serviceowner/dialogs',
					body,
					org,
					router,
				);
				if (res.status !== 201) throw new Error(`create failed: ${res.status} ${res.body ?? ''}`);
				return JSON.parse(String(res.body)) as string;
			},
			patch: async (id, operations) => {
				const d = dialogporten.store.get(id);
				if (!d) throw new Error(`No dialog ${id}`);
				const res = await adminCall(
					ctx,
					dialogporten,
					'PATCH',
					`/dialogporten/api/v1/serviceowner/dialogs/${id}`,
					operations,
					d.org,
					router,
					'application/json-patch+json',
				);
				if (res.status !== 204) throw new Error(`patch failed: ${res.status} ${res.body ?? ''}`);
			},
			addActivity: async (id, type, description) => {
				const d = dialogporten.store.get(id);
				if (!d) throw new Error(`No dialog ${id}`);
				const a = dialogporten.addActivity(d, {
					type,
					performedBy: { actorType: 'ServiceOwner' },
					description: description ? [{ languageCode: 'nb', value: description }] : undefined,
				});
				return a.id;
			},
		},
		stop: async () => {
			if (stopped) return;
			stopped = true;
			ctx.stopped = true;
			ctx.clearTimers();
			for (const res of hanging) res.destroy();
			await new Promise<void>((resolve) => {
				server.close(() => resolve());
				for (const s of sockets) s.destroy();
			});
		},
	};
	return local;
}

/**
 * Calls a Dialogporten service-owner operation in-process with a freshly minted token for the
 * given service owner, so admin helpers go through the same validation as API clients.
 */
async function adminCall(
	ctx: Context,
	_dp: Dialogporten,
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

function registerAdmin(
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
			dialogporten,
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
			dialogporten,
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
