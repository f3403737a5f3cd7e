// Altinn token exchange: `GET /platform/authentication/api/v1/exchange/{maskinporten|id-porten}`
// turns a Maskinporten or ID-porten access token into an Altinn token, the way the Altinn
// Authentication component does: the body is the JWT as a string, written raw (text/plain) or, when
// the client asks for JSON, JSON-quoted, as ASP.NET content negotiation writes a `string` result.
import { randomUUID } from 'node:crypto';
import { type Principal, principalFromClaims, serviceOwnerCodes, unauthorized } from './auth';
import type { Context } from './context';
import {
	bearerToken,
	header,
	json,
	omit,
	problem,
	text,
	type Request,
	type Response,
	type Router,
} from './http';
import { CLOCK_SKEW_SECONDS } from './tokens';

/** Partner scopes that also allow an ID-porten exchange (the repository's `PartnerScopes` default). */
const PARTNER_SCOPES = [
	'skatteetaten:formueinntekt/skattemelding',
	'skatteetaten:mvameldinginnsending',
	'skatteetaten:mvameldingvalidering',
];

export class TokenExchange {
	constructor(private readonly ctx: Context) {}

	register(router: Router): void {
		router.add('GET', '/platform/authentication/api/v1/exchange/{provider}', (req) =>
			this.exchange(req),
		);
		router.add(
			'GET',
			'/platform/authentication/api/v1/openid/.well-known/openid-configuration',
			() =>
				json(200, {
					issuer: this.ctx.tokens.issuers.altinn,
					jwks_uri: `${this.ctx.baseUrl}/platform/authentication/api/v1/openid/.well-known/openid-configuration/jwks`,
				}),
		);
		router.add(
			'GET',
			'/platform/authentication/api/v1/openid/.well-known/openid-configuration/jwks',
			() => json(200, this.ctx.tokens.jwks('altinn')),
		);
	}

	private async exchange(req: Request): Promise<Response> {
		const provider = req.params.provider.toLowerCase();
		if (provider !== 'maskinporten' && provider !== 'id-porten') {
			return problem(
				req,
				400,
				'Invalid token provider. Valid providers are maskinporten, id-porten and altinnstudio',
				{ contentType: 'application/problem+json' },
			);
		}
		if (header(req, 'x-altinn-enterpriseuser-authentication')) {
			return problem(
				req,
				410,
				'Virksomhetsbruker is no longer available. It has been replaced by Systembruker or ID-porten.',
				{ title: 'Gone' },
			);
		}
		const token = bearerToken(req);
		if (!token) return unauthorized();
		const verified = await this.ctx.tokens.verify(
			token,
			[provider === 'maskinporten' ? 'maskinporten' : 'idporten'],
			CLOCK_SKEW_SECONDS.exchange,
		);
		if (!verified.ok) return unauthorized(verified.reason);
		const principal = principalFromClaims(verified.value.issuer, token, verified.value.claims);
		if (!principal.consumerOrg) return unauthorized('The token has no valid consumer claim');
		const now = Math.floor(Date.now() / 1000);
		let claims: Record<string, unknown>;
		if (provider === 'maskinporten') {
			claims = this.fromMaskinporten(principal, req.query.get('test') === 'true', now);
		} else {
			const scopes = [...principal.scopes];
			if (!scopes.some((s) => s.startsWith('altinn:') || PARTNER_SCOPES.includes(s))) {
				this.ctx.counters.increment('exchange.forbidden', provider);
				return { status: 403, headers: {} };
			}
			if (!principal.person) return unauthorized('The user is not registered');
			claims = this.fromIdPorten(principal, now);
		}
		const altinnToken = await this.ctx.tokens.sign('altinn', claims);
		this.ctx.counters.increment('exchange.tokens', provider);
		const accept = (header(req, 'accept') ?? '').toLowerCase();
		if (/application\/(json|\*)|\+json/.test(accept) && !/text\/plain/.test(accept.split(',')[0])) {
			return json(200, altinnToken);
		}
		return text(200, altinnToken);
	}

	/** All Maskinporten claims are kept except aud/iss/client_amr/sid; Altinn claims are added. */
	private fromMaskinporten(
		principal: Principal,
		test: boolean,
		now: number,
	): Record<string, unknown> {
		const kept = omit(principal.claims, ['aud', 'iss', 'client_amr', 'sid', 'jti']);
		const claims: Record<string, unknown> = {
			...kept,
			'urn:altinn:orgNumber': principal.consumerOrg,
			'urn:altinn:authenticatemethod': 'maskinporten',
			'urn:altinn:authlevel': 3,
			sid: randomUUID(),
			iat: now,
			nbf: now,
			exp: now + this.ctx.options.lifetimes.exchange,
		};
		const code = principal.consumerOrg ? serviceOwnerCodes.get(principal.consumerOrg) : undefined;
		if (code && [...principal.scopes].some((s) => s.includes('altinn:serviceowner'))) {
			claims['urn:altinn:org'] = test && code === 'digdir' ? 'ttd' : code;
		}
		return claims;
	}

	/** Same expiry as the ID-porten token; Altinn user claims are added, aud/iss/at_hash/sid/sub removed. */
	private fromIdPorten(principal: Principal, now: number): Record<string, unknown> {
		const kept = omit(principal.claims, ['aud', 'iss', 'at_hash', 'sid', 'sub', 'jti']);
		const person = principal.person!;
		return {
			...kept,
			'urn:altinn:userid': person.userId,
			'urn:altinn:username': '',
			'urn:altinn:partyid': person.partyId,
			'urn:altinn:party:uuid': person.partyUuid,
			'urn:altinn:authenticatemethod':
				typeof principal.claims.amr === 'string' ? principal.claims.amr : 'TestID',
			'urn:altinn:authlevel': principal.authLevel,
			sid: randomUUID(),
			iat: now,
			nbf: now,
			exp: principal.claims.exp,
		};
	}
}
