// ID-porten: OpenID Connect authorization code flow with mandatory PKCE (S256), state and nonce, a
// login-and-consent page that a test can drive without a browser, refresh tokens with rotation,
// and the lifetimes of ID-porten's standard client registration (short and configurable).
//
// Driving consent headless, three ways:
//  1. GET the authorize URL without following redirects; the answer is the login page, whose form
//     posts `request_id`, `pid` and `decision=approve` to /idporten/authorize/consent (the request id
//     is also in the `x-altinn-local-request-id` header). The consent POST answers 302 to the
//     client's redirect_uri with `code`, `state` and `iss`.
//  2. Set auto-consent for a person (option `idporten.autoConsent`, env
//     ALTINN_LOCAL_IDPORTEN_AUTO_CONSENT, `local.idporten.setAutoConsent(pid)`, or POST
//     /admin/idporten/auto-consent): the authorize endpoint then redirects straight back with a code.
//  3. `local.idporten.login({ pid, scope })` runs the whole flow and returns the token response.
import { createHash, randomBytes, randomUUID } from 'node:crypto';
import { personByPid } from '../auth';
import type { Context } from '../context';
import { idPortenClient, type IdPortenClient, type Person } from '../fixtures';
import {
	formBody,
	header,
	html,
	json,
	redirect,
	type Request,
	type Response,
	type Router,
} from '../http';
import { AUTH_METHODS, authenticateClient } from './client-authentication';
import { login, type LoginOptions } from './login';
import {
	ACR_VALUES,
	s256,
	type IdPortenTokenResponse,
	type IssuedCode,
	type PendingAuthorization,
	type RefreshSession,
} from './model';
import { errorPage, loginPage, tokenError } from './responses';

export type { IdPortenTokenResponse } from './model';

const CODE_LIFETIME_SECONDS = 60;

export interface IdPortenOptions {
	/** Log every authorization request in as this person without showing the login page. */
	autoConsent?: string;
	/** Extra redirect URIs registered on the fixture client (e.g. an n8n on another port). */
	redirectUris?: string[];
	/** Let a refresh token be used more than once (default false: each refresh rotates it). */
	reuseRefreshTokens?: boolean;
	/**
	 * The client authentication the fixture client is registered for (env
	 * ALTINN_LOCAL_IDPORTEN_TOKEN_ENDPOINT_AUTH_METHOD); default client_secret_basic. The token
	 * endpoint accepts this method only, as ID-porten does.
	 */
	tokenEndpointAuthMethod?: IdPortenClient['tokenEndpointAuthMethod'];
}

export class IdPorten {
	private readonly pending = new Map<string, PendingAuthorization>();
	private readonly codes = new Map<string, IssuedCode>();
	private readonly refreshTokens = new Map<string, RefreshSession>();
	private readonly redirectUris: Set<string>;
	/** The fixture client, registered for the configured token endpoint authentication. */
	readonly client: IdPortenClient;
	autoConsent?: string;

	constructor(
		private readonly ctx: Context,
		private readonly options: IdPortenOptions = {},
	) {
		const method =
			options.tokenEndpointAuthMethod ??
			(process.env.ALTINN_LOCAL_IDPORTEN_TOKEN_ENDPOINT_AUTH_METHOD as
				IdPortenClient['tokenEndpointAuthMethod'] | undefined) ??
			idPortenClient.tokenEndpointAuthMethod;
		if (!AUTH_METHODS.includes(method))
			throw new Error(`tokenEndpointAuthMethod must be one of ${AUTH_METHODS.join(', ')}`);
		this.client = { ...idPortenClient, tokenEndpointAuthMethod: method };
		this.autoConsent =
			options.autoConsent ?? (process.env.ALTINN_LOCAL_IDPORTEN_AUTO_CONSENT || undefined);
		this.redirectUris = new Set([
			...idPortenClient.redirectUris,
			...(options.redirectUris ?? []),
			...(process.env.ALTINN_LOCAL_IDPORTEN_REDIRECT_URIS ?? '').split(',').filter(Boolean),
		]);
	}

	addRedirectUri(uri: string): void {
		this.redirectUris.add(uri);
	}

	register(router: Router): void {
		const issuer = this.ctx.tokens.issuers.idporten;
		router.add('GET', '/idporten/.well-known/openid-configuration', () =>
			json(200, {
				issuer,
				authorization_endpoint: `${this.ctx.baseUrl}/idporten/authorize`,
				token_endpoint: `${this.ctx.baseUrl}/idporten/token`,
				jwks_uri: `${this.ctx.baseUrl}/idporten/jwks.json`,
				response_types_supported: ['code'],
				response_modes_supported: ['query'],
				grant_types_supported: ['authorization_code', 'refresh_token'],
				subject_types_supported: ['pairwise'],
				id_token_signing_alg_values_supported: ['RS256'],
				code_challenge_methods_supported: ['S256'],
				token_endpoint_auth_methods_supported: ['client_secret_basic', 'client_secret_post'],
				acr_values_supported: ACR_VALUES,
				ui_locales_supported: ['nb', 'nn', 'en', 'se'],
				scopes_supported: this.client.scopes,
				authorization_response_iss_parameter_supported: true,
			}),
		);
		router.add('GET', '/idporten/jwks.json', () => json(200, this.ctx.tokens.jwks('idporten')));
		router.add('GET', '/idporten/authorize', (req) => this.authorize(req));
		router.add('POST', '/idporten/authorize/consent', (req) => this.consent(req));
		router.add('POST', '/idporten/token', (req) => this.token(req));
	}

	private redirectError(
		redirectUri: string,
		error: string,
		description: string,
		state?: string,
	): Response {
		const url = new URL(redirectUri);
		url.searchParams.set('error', error);
		url.searchParams.set('error_description', description);
		if (state) url.searchParams.set('state', state);
		url.searchParams.set('iss', this.ctx.tokens.issuers.idporten);
		return redirect(url.toString());
	}

	private authorize(req: Request): Response {
		const q = req.query;
		const clientId = q.get('client_id');
		if (clientId !== this.client.clientId) return errorPage(400, 'Ukjent klient (invalid_client).');
		const redirectUri = q.get('redirect_uri') ?? '';
		if (!this.redirectUris.has(redirectUri))
			return errorPage(400, `redirect_uri er ikke registrert for klienten: ${redirectUri}`);
		const state = q.get('state') ?? undefined;
		if (q.get('response_type') !== 'code')
			return this.redirectError(
				redirectUri,
				'unsupported_response_type',
				'Only response_type=code is supported',
				state,
			);
		if (!state) return this.redirectError(redirectUri, 'invalid_request', 'state is required');
		const nonce = q.get('nonce');
		if (!nonce)
			return this.redirectError(redirectUri, 'invalid_request', 'nonce is required', state);
		const challenge = q.get('code_challenge');
		if (!challenge || q.get('code_challenge_method') !== 'S256')
			return this.redirectError(
				redirectUri,
				'invalid_request',
				'PKCE is required: code_challenge with code_challenge_method=S256',
				state,
			);
		if (!/^[A-Za-z0-9_-]{43}$/.test(challenge))
			return this.redirectError(
				redirectUri,
				'invalid_request',
				'code_challenge must be a base64url SHA-256 digest without padding',
				state,
			);
		const scope = (q.get('scope') ?? '').split(/\s+/).filter(Boolean);
		if (!scope.includes('openid'))
			return this.redirectError(
				redirectUri,
				'invalid_scope',
				'The scope must include openid',
				state,
			);
		const notAllowed = scope.filter((s) => !this.client.scopes.includes(s));
		if (notAllowed.length)
			return this.redirectError(
				redirectUri,
				'invalid_scope',
				`Scopes not allowed for the client: ${notAllowed.join(' ')}`,
				state,
			);
		const acrRequested = (q.get('acr_values') ?? ACR_VALUES[0]).split(/\s+/)[0];
		if (!ACR_VALUES.includes(acrRequested))
			return this.redirectError(
				redirectUri,
				'invalid_request',
				`acr_values must be one of ${ACR_VALUES.join(', ')}`,
				state,
			);
		const pending: PendingAuthorization = {
			id: randomUUID(),
			client: this.client,
			redirectUri,
			scope,
			state,
			nonce,
			codeChallenge: challenge,
			acr: acrRequested,
			loginHint: q.get('login_hint') ?? undefined,
			createdAt: Date.now(),
		};
		this.ctx.counters.increment('idporten.authorize');
		if (this.autoConsent) {
			const person = personByPid(this.autoConsent);
			if (!person)
				return errorPage(500, `Auto-consent is set to an unknown person ${this.autoConsent}`);
			return this.approve(pending, person);
		}
		this.pending.set(pending.id, pending);
		return html(200, loginPage(pending), { 'x-altinn-local-request-id': pending.id });
	}

	private consent(req: Request): Response {
		const form = formBody(req);
		const pending = this.pending.get(form.get('request_id') ?? '');
		if (!pending) return errorPage(400, 'Ukjent eller utløpt innloggingsforespørsel.');
		this.pending.delete(pending.id);
		if (form.get('decision') !== 'approve')
			return this.redirectError(
				pending.redirectUri,
				'access_denied',
				'The user cancelled the login',
				pending.state,
			);
		const person = personByPid(form.get('pid') ?? '');
		if (!person) return errorPage(400, 'Ukjent testbruker.');
		return this.approve(pending, person);
	}

	private approve(pending: PendingAuthorization, person: Person): Response {
		const code = randomBytes(32).toString('base64url');
		this.codes.set(code, {
			...pending,
			pid: person.pid,
			code,
			used: false,
			authTime: Math.floor(Date.now() / 1000),
		});
		const url = new URL(pending.redirectUri);
		url.searchParams.set('code', code);
		url.searchParams.set('state', pending.state);
		url.searchParams.set('iss', this.ctx.tokens.issuers.idporten);
		return redirect(url.toString());
	}

	private async token(req: Request): Promise<Response> {
		const contentType = (header(req, 'content-type') ?? '').split(';')[0].trim().toLowerCase();
		if (contentType !== 'application/x-www-form-urlencoded')
			return tokenError(
				400,
				'invalid_request',
				'The token request must be application/x-www-form-urlencoded',
			);
		const form = formBody(req);
		const authenticated = authenticateClient(req, form, this.client);
		if ('error' in authenticated) return authenticated.error;
		const { client, method } = authenticated;
		const grantType = form.get('grant_type');
		const now = Math.floor(Date.now() / 1000);
		if (grantType === 'authorization_code') {
			const issued = this.codes.get(form.get('code') ?? '');
			if (!issued || issued.client.clientId !== client.clientId)
				return tokenError(400, 'invalid_grant', 'Invalid authorization code');
			if (issued.used) {
				this.codes.delete(issued.code);
				return tokenError(400, 'invalid_grant', 'The authorization code has already been used');
			}
			issued.used = true;
			if (Date.now() - issued.createdAt > CODE_LIFETIME_SECONDS * 1000)
				return tokenError(400, 'invalid_grant', 'The authorization code has expired');
			if (form.get('redirect_uri') !== issued.redirectUri)
				return tokenError(
					400,
					'invalid_grant',
					'redirect_uri does not match the authorization request',
				);
			const verifier = form.get('code_verifier') ?? '';
			if (!/^[A-Za-z0-9._~-]{43,128}$/.test(verifier) || s256(verifier) !== issued.codeChallenge)
				return tokenError(400, 'invalid_grant', 'PKCE verification failed (code_verifier)');
			const session: RefreshSession = {
				token: '',
				clientId: client.clientId,
				pid: issued.pid,
				scope: issued.scope,
				acr: issued.acr,
				authorizationExpiresAt: now + this.ctx.options.lifetimes.idportenAuthorization,
				expiresAt: 0,
				used: false,
				sid: randomUUID(),
				authTime: issued.authTime,
			};
			this.ctx.counters.increment('idporten.grants', 'authorization_code');
			return json(200, await this.issue(client, method, session, issued.nonce, now), {
				'cache-control': 'no-store',
			});
		}
		if (grantType === 'refresh_token') {
			const session = this.refreshTokens.get(form.get('refresh_token') ?? '');
			if (!session || session.clientId !== client.clientId)
				return tokenError(400, 'invalid_grant', 'Invalid refresh token');
			if (session.used && !this.options.reuseRefreshTokens)
				return tokenError(400, 'invalid_grant', 'The refresh token has already been used');
			if (now >= session.expiresAt || now >= session.authorizationExpiresAt)
				return tokenError(400, 'invalid_grant', 'The refresh token has expired');
			if (this.ctx.tokens.isRevoked(session.token))
				return tokenError(400, 'invalid_grant', 'The refresh token has been revoked');
			session.used = true;
			const requested = (form.get('scope') ?? '').split(/\s+/).filter(Boolean);
			if (requested.some((s) => !session.scope.includes(s)))
				return tokenError(400, 'invalid_scope', 'A refresh cannot widen the scope');
			const next: RefreshSession = {
				...session,
				token: '',
				used: false,
				scope: requested.length ? requested : session.scope,
			};
			this.ctx.counters.increment('idporten.grants', 'refresh_token');
			return json(200, await this.issue(client, method, next, undefined, now), {
				'cache-control': 'no-store',
			});
		}
		return tokenError(400, 'unsupported_grant_type', `Unsupported grant_type '${grantType ?? ''}'`);
	}

	private async issue(
		client: IdPortenClient,
		method: IdPortenClient['tokenEndpointAuthMethod'],
		session: RefreshSession,
		nonce: string | undefined,
		now: number,
	): Promise<IdPortenTokenResponse> {
		const lifetimes = this.ctx.options.lifetimes;
		const accessLifetime = Math.min(lifetimes.idporten, session.authorizationExpiresAt - now);
		const sub = createHash('sha256')
			.update(`${client.clientId}:${session.pid}`)
			.digest('base64url');
		const consumer = { authority: 'iso6523-actorid-upis', ID: `0192:${client.orgNumber}` };
		const access = await this.ctx.tokens.sign('idporten', {
			client_id: client.clientId,
			client_amr: method,
			token_type: 'Bearer',
			sub,
			pid: session.pid,
			acr: session.acr,
			amr: 'TestID',
			scope: session.scope.join(' '),
			consumer,
			sid: session.sid,
			exp: now + accessLifetime,
			iat: now,
		});
		const idClaims: Record<string, unknown> = {
			aud: client.clientId,
			sub,
			pid: session.pid,
			acr: session.acr,
			amr: ['TestID'],
			auth_time: session.authTime,
			sid: session.sid,
			locale: 'nb',
			exp: now + accessLifetime,
			iat: now,
		};
		if (nonce) idClaims.nonce = nonce;
		const idToken = await this.ctx.tokens.sign('idporten', idClaims);
		const refresh = randomBytes(32).toString('base64url');
		session.token = refresh;
		session.expiresAt = Math.min(now + lifetimes.idportenRefresh, session.authorizationExpiresAt);
		this.refreshTokens.set(refresh, session);
		this.ctx.tokens.recordIssued({
			kind: 'idporten-refresh',
			token: refresh,
			clientId: client.clientId,
			issuedAt: Date.now(),
		});
		this.ctx.counters.increment('idporten.tokens', client.clientId);
		return {
			access_token: access,
			id_token: idToken,
			refresh_token: refresh,
			token_type: 'Bearer',
			expires_in: accessLifetime,
			refresh_token_expires_in: session.expiresAt - now,
			scope: session.scope.join(' '),
		};
	}

	/** Runs the whole authorization code flow over HTTP for a fixture person and returns the tokens. */
	login(options: LoginOptions = {}): Promise<IdPortenTokenResponse> {
		return login(this.ctx.baseUrl, this.client, options);
	}
}
