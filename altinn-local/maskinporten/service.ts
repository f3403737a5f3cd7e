// Maskinporten: the JWT-bearer grant (`/token`), verified the way Digdir documents it, plus the
// well-known metadata and the JWKS of the issuer. Error responses are `{error, error_description}`
// with the documented MP codes in the description.
import { createPublicKey, type KeyObject } from 'node:crypto';
import { compactVerify, decodeProtectedHeader } from 'jose';
import type { Context } from '../context';
import { maskinportenClients, type MaskinportenClient } from '../fixtures';
import { formBody, json, omit, type Request, type Response, type Router } from '../http';
import { publicJwk, sha256 } from '../tokens';
import { businessCertificate, certificateOrgNumber } from './certificates';
import { GrantError } from './errors';
import { systemUserDetails } from './system-users';

const GRANT_TYPE = 'urn:ietf:params:oauth:grant-type:jwt-bearer';
const ALGORITHMS = ['RS256', 'RS384', 'RS512'];
/** Claims in Digdir's claim table. Anything else gives "Invalid assertion" (DD-JWT). `sub` is not in
 * the table; whether Maskinporten tolerates it is unconfirmed, so the stand-in rejects it. */
const DOCUMENTED_CLAIMS = new Set([
	'aud',
	'iss',
	'iat',
	'exp',
	'jti',
	'scope',
	'resource',
	'pid',
	'consumer_org',
	'iss_onbehalfof',
	'authorization_details',
]);
const ISO6523 = 'iso6523-actorid-upis';
const IAT_SKEW_SECONDS = 10;
const MAX_GRANT_LIFETIME_SECONDS = 120;

export interface IssuedMaskinportenToken {
	access_token: string;
	token_type: 'Bearer';
	expires_in: number;
	scope: string;
}

export class Maskinporten {
	private readonly clients = new Map<string, MaskinportenClient>();
	private readonly usedGrants = new Map<string, number>();

	constructor(private readonly ctx: Context) {
		for (const client of maskinportenClients) this.clients.set(client.clientId, client);
	}

	register(router: Router): void {
		const wellKnown = () => json(200, this.metadata());
		router.add('POST', '/maskinporten/token', (req) => this.token(req));
		router.add('GET', '/maskinporten/.well-known/oauth-authorization-server', wellKnown);
		router.add('GET', '/maskinporten/.well-known/oauth-authorization-server/', wellKnown);
		router.add('GET', '/maskinporten/jwk', () => json(200, this.ctx.tokens.jwks('maskinporten')));
	}

	metadata(): Record<string, unknown> {
		const issuer = this.ctx.tokens.issuers.maskinporten;
		return {
			issuer,
			token_endpoint: `${this.ctx.baseUrl}/maskinporten/token`,
			jwks_uri: `${this.ctx.baseUrl}/maskinporten/jwk`,
			token_endpoint_auth_methods_supported: ['private_key_jwt'],
			grant_types_supported: [GRANT_TYPE],
			token_endpoint_auth_signing_alg_values_supported: ALGORITHMS,
			authorization_details_types_supported: ['urn:altinn:systemuser'],
		};
	}

	client(clientId: string): MaskinportenClient | undefined {
		return this.clients.get(clientId);
	}

	private async token(req: Request): Promise<Response> {
		this.ctx.counters.increment('maskinporten.attempts');
		const form = formBody(req);
		try {
			if (
				!(req.headers['content-type'] ?? '')
					.toLowerCase()
					.startsWith('application/x-www-form-urlencoded')
			) {
				throw new GrantError(
					400,
					'invalid_request',
					'MP-011',
					'Invalid assertion. Invalid parameter value: the request must be application/x-www-form-urlencoded',
				);
			}
			if (form.get('grant_type') !== GRANT_TYPE)
				throw new GrantError(
					400,
					'unsupported_grant_type',
					undefined,
					`Unsupported grant type. Only ${GRANT_TYPE} is supported`,
				);
			const assertion = form.get('assertion');
			if (!assertion)
				throw new GrantError(
					400,
					'invalid_request',
					'MP-011',
					'Invalid assertion. Invalid parameter value: assertion is missing',
				);
			const result = await this.issue(assertion);
			this.ctx.counters.increment('maskinporten.grants', result.clientId);
			return json(200, result.response, { 'cache-control': 'no-store', pragma: 'no-cache' });
		} catch (e) {
			if (!(e instanceof GrantError)) throw e;
			this.ctx.counters.increment('maskinporten.rejected', e.code ?? e.error);
			const description = `${e.code ? `${e.code}: ` : ''}${e.message} (trace_id: ${req.traceId.split('-')[1]})`;
			return json(
				e.status,
				{ error: e.error, error_description: description },
				{ 'cache-control': 'no-store' },
			);
		}
	}

	/** Verifies a grant and issues the access token. Throws GrantError on any violation. */
	async issue(assertion: string): Promise<{
		clientId: string;
		response: IssuedMaskinportenToken;
		claims: Record<string, unknown>;
	}> {
		const invalid = (code: string, text: string, error = 'invalid_grant') =>
			new GrantError(400, error, code, text);
		if (/\s/.test(assertion) || assertion.split('.').length !== 3)
			throw invalid('MP-011', 'Invalid assertion. Invalid parameter value', 'invalid_request');
		let header: Record<string, unknown>;
		let payload: Record<string, unknown>;
		try {
			header = decodeProtectedHeader(assertion) as Record<string, unknown>;
			payload = JSON.parse(Buffer.from(assertion.split('.')[1], 'base64url').toString('utf8'));
		} catch {
			throw invalid('MP-011', 'Invalid assertion. Invalid parameter value', 'invalid_request');
		}
		if (!payload || typeof payload !== 'object' || Array.isArray(payload))
			throw invalid('MP-011', 'Invalid assertion. Invalid parameter value', 'invalid_request');
		const alg = header.alg;
		if (typeof alg !== 'string' || !ALGORITHMS.includes(alg))
			throw invalid(
				'MP-011',
				`Invalid assertion. Client authentication failed. Unsupported signing algorithm '${String(alg)}', use one of ${ALGORITHMS.join(', ')}`,
			);

		const clientId = payload.iss;
		const client = typeof clientId === 'string' ? this.clients.get(clientId) : undefined;
		if (!client)
			throw invalid('MP-100', 'Invalid assertion. Client authentication failed. Client not found');

		// Key: a registered key by `kid`, or a business certificate in `x5c`; never both.
		let key: KeyObject;
		let clientAmr: string;
		if (header.kid !== undefined && header.x5c !== undefined)
			throw invalid(
				'MP-100',
				"Invalid assertion. Client authentication failed. The JWT header must carry either 'kid' or 'x5c', not both",
			);
		if (header.kid !== undefined) {
			const registered = client.keys.find((k) => k.kid === header.kid);
			if (!registered)
				throw invalid(
					'MP-100',
					'Invalid assertion. Client authentication failed. Unknown key identifier (kid) for client.',
				);
			if (registered.expired)
				throw invalid('MP-121', 'Invalid assertion. Client authentication failed. Expired key');
			const jwk = omit(publicJwk(registered.privateJwk), ['alg', 'use']);
			key = createPublicKey({ key: jwk as never, format: 'jwk' });
			clientAmr = 'private_key_jwt';
		} else if (header.x5c !== undefined) {
			if (client.keys.length > 0)
				throw invalid(
					'MP-100',
					'Invalid assertion. Client authentication failed. The client has a registered key and must use kid',
				);
			const certificate = businessCertificate(header.x5c);
			if (certificateOrgNumber(certificate) !== client.orgNumber) {
				throw invalid(
					'MP-122',
					'Invalid assertion. Client authentication failed. The organization number of the certificate does not match the client owner',
				);
			}
			key = certificate.publicKey;
			clientAmr = 'virksomhetssertifikat';
		} else {
			throw invalid(
				'MP-100',
				"Invalid assertion. Client authentication failed. Either 'kid' or 'x5c' must be present in the JWT header",
			);
		}
		try {
			await compactVerify(assertion, key, { algorithms: [alg] });
		} catch {
			throw invalid('MP-124', 'Invalid assertion. Client authentication failed. Invalid signature');
		}

		// Claims.
		const unknown = Object.keys(payload).filter((c) => !DOCUMENTED_CLAIMS.has(c));
		if (unknown.length)
			throw invalid(
				'MP-011',
				`Invalid assertion. Unknown claims in the JWT: ${unknown.join(', ')}`,
			);
		const issuer = this.ctx.tokens.issuers.maskinporten;
		const aud = payload.aud;
		// "must only contain a single value" (DD-TOKEN): an array is refused, even of the issuer alone.
		if (Array.isArray(aud))
			throw invalid(
				'MP-110',
				`Invalid assertion. Client authentication failed. Invalid JWT claim aud: it must be a single value, the issuer '${issuer}', not an array`,
			);
		if (aud !== issuer) {
			throw invalid(
				'MP-110',
				`Invalid assertion. Client authentication failed. Invalid JWT claim aud: it must be the issuer '${issuer}'`,
			);
		}
		const now = Math.floor(Date.now() / 1000);
		const { iat, exp } = payload;
		if (typeof iat !== 'number' || typeof exp !== 'number')
			throw invalid(
				'MP-011',
				'Invalid assertion. Invalid parameter value: iat and exp are required',
			);
		if (exp - iat > MAX_GRANT_LIFETIME_SECONDS)
			throw invalid(
				'MP-011',
				`Invalid assertion. The JWT lifetime (exp - iat) must not exceed ${MAX_GRANT_LIFETIME_SECONDS} seconds`,
			);
		if (exp <= now) throw invalid('MP-130', 'Invalid assertion. JWT is expired');
		if (iat > now + IAT_SKEW_SECONDS)
			throw invalid('MP-011', 'Invalid assertion. Issue time is after now');
		if (iat < now - IAT_SKEW_SECONDS)
			throw invalid(
				'MP-011',
				`Invalid assertion. Issue time (iat) must be within ${IAT_SKEW_SECONDS} seconds of now`,
			);
		const replayKey =
			typeof payload.jti === 'string'
				? `jti:${client.clientId}:${payload.jti}`
				: `grant:${sha256(assertion)}`;
		this.pruneUsedGrants(now);
		if (this.usedGrants.has(replayKey))
			throw invalid('MP-012', 'Invalid assertion. Grant is used before');

		if (payload.consumer_org !== undefined && payload.iss_onbehalfof !== undefined) {
			throw invalid(
				'MP-011',
				'Invalid assertion. consumer_org and iss_onbehalfof are mutually exclusive',
				'invalid_request',
			);
		}
		if (payload.consumer_org !== undefined && payload.authorization_details !== undefined) {
			// Unconfirmed whether Maskinporten allows both; the stand-in treats them as exclusive.
			throw invalid(
				'MP-011',
				'Invalid assertion. consumer_org cannot be combined with authorization_details',
				'invalid_request',
			);
		}
		if (typeof payload.scope !== 'string' || payload.scope.trim() === '')
			throw new GrantError(
				400,
				'invalid_scope',
				'MP-200',
				'Token request contains invalid scopes for client: no scope requested',
			);
		const scopes = payload.scope.trim().split(/\s+/);

		let consumerOrg = client.orgNumber;
		let supplier: string | undefined;
		if (payload.consumer_org !== undefined) {
			const org = payload.consumer_org;
			if (typeof org !== 'string' || !/^\d{9}$/.test(org))
				throw invalid(
					'MP-011',
					'Invalid assertion. Invalid parameter value: consumer_org must be a 9-digit organization number',
					'invalid_request',
				);
			if (org === client.orgNumber)
				throw new GrantError(
					400,
					'invalid_scope',
					'MP-251',
					'The combination consumer_org in claim and delegation scope on client is invalid',
				);
			const delegation = client.delegations.find((d) => d.consumerOrg === org);
			const missing = scopes.filter((s) => !delegation?.scopes.includes(s));
			// Unconfirmed status: DD-ERR lists MP-250/MP-251 without an OAuth code; the stand-in answers 403 invalid_scope.
			if (!delegation)
				throw new GrantError(
					403,
					'invalid_scope',
					'MP-251',
					`Consumer ${org} has not delegated access to the requested scopes in Altinn`,
				);
			if (missing.length)
				throw new GrantError(
					403,
					'invalid_scope',
					'MP-250',
					`Consumer has not been granted access to the scope: ${missing.join(' ')}`,
				);
			supplier = client.orgNumber;
			consumerOrg = org;
		} else {
			const notAllowed = scopes.filter((s) => !client.scopes.includes(s));
			if (notAllowed.length)
				throw new GrantError(
					400,
					'invalid_scope',
					'MP-200',
					`Token request contains invalid scopes for client: ${notAllowed.join(' ')}`,
				);
		}

		let authorizationDetails: unknown[] | undefined;
		if (payload.authorization_details !== undefined)
			authorizationDetails = [systemUserDetails(client, payload.authorization_details)];

		let audience: string | string[] = 'unspecified';
		if (payload.resource !== undefined) {
			const resource = payload.resource;
			if (
				!Array.isArray(resource) ||
				resource.length === 0 ||
				!resource.every(
					(r) => typeof r === 'string' && /^[a-z][a-z0-9+.-]*:/i.test(r) && !r.includes('#'),
				)
			) {
				throw new GrantError(
					400,
					'invalid_target',
					undefined,
					'Invalid resource: it must be an array of absolute URIs without fragment',
				);
			}
			audience = resource.length === 1 ? resource[0] : resource;
		}

		this.usedGrants.set(replayKey, exp + MAX_GRANT_LIFETIME_SECONDS);
		const lifetime = this.ctx.options.lifetimes.maskinporten;
		const claims: Record<string, unknown> = {
			aud: audience,
			scope: scopes.join(' '),
			client_id: client.clientId,
			client_amr: clientAmr,
			token_type: 'Bearer',
			consumer: { authority: ISO6523, ID: `0192:${consumerOrg}` },
			client_orgno: client.orgNumber,
			iat: now,
			exp: now + lifetime,
		};
		if (supplier) {
			claims.supplier = { authority: ISO6523, ID: `0192:${supplier}` };
			claims.delegation_source = `${this.ctx.baseUrl}/`;
		}
		if (authorizationDetails) claims.authorization_details = authorizationDetails;
		if (typeof payload.pid === 'string') claims.pid = payload.pid;
		const token = await this.ctx.tokens.sign('maskinporten', claims);
		return {
			clientId: client.clientId,
			claims,
			response: {
				access_token: token,
				token_type: 'Bearer',
				expires_in: lifetime,
				scope: scopes.join(' '),
			},
		};
	}

	private pruneUsedGrants(now: number): void {
		if (this.usedGrants.size < 1000) return;
		for (const [k, until] of this.usedGrants) if (until < now) this.usedGrants.delete(k);
	}
}
