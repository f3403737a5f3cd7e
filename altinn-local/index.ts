// The local Altinn stand-in: Maskinporten, ID-porten, Altinn token exchange, Dialogporten, Altinn
// Events and a correspondence-style service-owner system on one port of 127.0.0.1, behaving as the
// public documentation describes them. Start it from code with startAltinnLocal(), or from the
// command line with `npm run altinn-local`.
import { createServer, type IncomingMessage, type ServerResponse } from 'node:http';
import type { AddressInfo, Socket } from 'node:net';
import { adminCall, registerAdmin } from './admin';
import { Context, type ResolvedOptions } from './context';
import { Correspondence } from './correspondence';
import { Dialogporten } from './dialogporten/service';
import { AltinnEvents } from './events/service';
import { TokenExchange } from './exchange';
import { Faults, parseFaultRules } from './faults';
import * as fixtures from './fixtures';
import { createGrant } from './grants';
import { answer, empty, newTraceId, text, Router, type Request, type Response } from './http';
import { IdPorten } from './idporten/service';
import { INBOX_PATH, Inbox } from './inbox';
import type { AltinnLocal, AltinnLocalOptions, AltinnLocalUrls, RequestEvent } from './interfaces';
import { Maskinporten } from './maskinporten/service';
import { PROTECTED_API_PATH, ProtectedApi } from './protected-api';
import { specValidator } from './spec';
import { TokenService } from './tokens';

export { fixtures };
export { createGrant, type GrantOptions } from './grants';
export type { FaultRule, FaultKind } from './faults';
export type { SpecViolation, TokenLifetimes } from './context';
export type { IssuedToken, IssuerName } from './tokens';
export type { IdPortenOptions, IdPortenTokenResponse } from './idporten/service';
export type { CloudEvent, Delivery, EventsOptions, Subscription } from './events/service';
export type {
	AltinnLocal,
	AltinnLocalOptions,
	AltinnLocalStats,
	AltinnLocalUrls,
	RequestEvent,
} from './interfaces';

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
	const requestListeners = new Set<(event: RequestEvent) => void>();
	const notify = (event: RequestEvent) => {
		for (const listener of requestListeners) listener(event);
	};
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
	new Inbox(dialogporten).register(router);
	new ProtectedApi(ctx).register(router);
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
		notify({ phase: 'start', method: request.method, path: request.path, at: performance.now() });
		res.on('close', () =>
			notify({
				phase: 'end',
				method: request.method,
				path: request.path,
				at: performance.now(),
				status: res.headersSent ? res.statusCode : undefined,
			}),
		);
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
			`${request.method} ${request.path}${url.search} -> ${response.reset ? 'reset' : response.hang ? 'hang' : response.status}${decision && 'after' in decision && decision.after ? ` (${decision.after})` : ''}`,
		);
		const after = decision && 'after' in decision ? decision.after : undefined;
		if (response.reset || after === 'lost-response') {
			req.socket.destroy();
			return;
		}
		if (after === 'truncate') {
			// The status line, the headers with the full Content-Length and half the body; then the
			// connection drops, as a reset in the middle of a response looks to the client.
			const body = Buffer.from(response.body ?? '');
			res.statusCode = response.status;
			for (const [k, v] of Object.entries(response.headers)) res.setHeader(k, v);
			res.setHeader('content-length', String(Math.max(body.length, 2)));
			res.flushHeaders();
			res.write(body.subarray(0, Math.floor(body.length / 2)), () => req.socket.destroy());
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
		inbox: `${baseUrl}${INBOX_PATH}`,
		events: `${baseUrl}/events/api/v1`,
		correspondence: `${baseUrl}/platform/correspondence/api/v1`,
		protectedApi: `${baseUrl}${PROTECTED_API_PATH}`,
		admin: `${baseUrl}/admin`,
	};

	let stopped = false;
	const local: AltinnLocal = {
		baseUrl,
		urls,
		onRequest: (listener) => {
			requestListeners.add(listener);
			return () => requestListeners.delete(listener);
		},
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
			idsForParty: (party) => [...dialogporten.store.forParty(party)].map((d) => d.id),
			get: (id) => dialogporten.store.get(id),
			create: async (body, org = 'ttd') => {
				const res = await adminCall(
					ctx,
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
