// Signing and verification of the tokens the stand-in issues: Maskinporten and ID-porten access
// tokens, ID-porten id tokens, Altinn (exchanged) tokens and Dialogporten dialog tokens. Every
// issuer has its own committed key, published on its own JWKS endpoint.
import { createHash, randomUUID } from 'node:crypto';
import {
	SignJWT,
	decodeJwt,
	decodeProtectedHeader,
	importJWK,
	jwtVerify,
	type JWTPayload,
	type KeyLike,
} from 'jose';
import { issuerKeys, type PrivateJwk } from './fixtures';

export type IssuerName = 'maskinporten' | 'idporten' | 'altinn' | 'dialogporten';

export interface VerifiedToken {
	issuer: IssuerName;
	claims: JWTPayload & Record<string, unknown>;
	token: string;
}

export type VerifyFailure = { ok: false; reason: string };

/**
 * The clock skew each Altinn service allows when it validates a token: ASP.NET JwtBearer's
 * `ClockSkew`, applied to `exp` and `nbf`, with `RequireExpirationTime`. From the services' source:
 * Dialogporten `TimeSpan.FromSeconds(2)` (Altinn/dialogporten,
 * src/Digdir.Domain.Dialogporten.WebApi/Common/Authentication/AuthenticationBuilderExtensions.cs);
 * the token exchange `TimeSpan.FromSeconds(10)` for Maskinporten and ID-porten tokens
 * (Altinn/altinn-authentication, src/Authentication/Controllers/AuthenticationController.cs);
 * Altinn Events `TimeSpan.Zero` (Altinn/altinn-events, src/Events/Program.cs).
 */
export const CLOCK_SKEW_SECONDS = { dialogporten: 2, exchange: 10, events: 0 } as const;

/** One token the stand-in handed out: a signed token of one of its issuers, or an ID-porten refresh token. */
export interface IssuedToken {
	kind: IssuerName | 'idporten-refresh';
	token: string;
	/** The client it was issued to (`client_id` claim, or the ID-porten client of a refresh token), when known. */
	clientId?: string;
	/** Milliseconds since the epoch. */
	issuedAt: number;
}

export function publicJwk(jwk: PrivateJwk): Record<string, string> {
	const pub: Record<string, string> = {};
	for (const member of ['kty', 'n', 'e', 'crv', 'x', 'kid', 'alg', 'use'])
		if (jwk[member] !== undefined) pub[member] = jwk[member];
	return pub;
}

export function sha256(value: string): string {
	return createHash('sha256').update(value).digest('base64url');
}

export class TokenService {
	readonly issuers: Record<IssuerName, string>;
	private readonly keys = new Map<
		IssuerName,
		{ priv: KeyLike | Uint8Array; pub: KeyLike | Uint8Array; jwk: PrivateJwk }
	>();
	private readonly revokedJti = new Set<string>();
	private readonly revokedHashes = new Set<string>();
	/** Every token handed out, in order, so tests can look for them where they must not be. */
	private readonly issuedTokens: IssuedToken[] = [];

	private constructor(baseUrl: string) {
		this.issuers = {
			maskinporten: `${baseUrl}/maskinporten/`,
			idporten: `${baseUrl}/idporten`,
			altinn: `${baseUrl}/platform/authentication/api/v1/openid/`,
			dialogporten: `${baseUrl}/dialogporten/api/v1`,
		};
	}

	static async create(baseUrl: string): Promise<TokenService> {
		const service = new TokenService(baseUrl);
		for (const name of ['maskinporten', 'idporten', 'altinn', 'dialogporten'] as IssuerName[]) {
			const jwk = issuerKeys[name];
			const priv = await importJWK(jwk, jwk.alg);
			const pub = await importJWK(
				publicJwk(jwk) as unknown as Parameters<typeof importJWK>[0],
				jwk.alg,
			);
			service.keys.set(name, { priv, pub, jwk });
		}
		return service;
	}

	jwks(issuer: IssuerName): { keys: Array<Record<string, string>> } {
		return { keys: [publicJwk(this.keys.get(issuer)!.jwk)] };
	}

	/** Signs claims as the given issuer. `iat` and `jti` are added unless present; `exp` must be set. */
	async sign(
		issuer: IssuerName,
		claims: Record<string, unknown>,
		header: Record<string, unknown> = {},
	): Promise<string> {
		const key = this.keys.get(issuer)!;
		const payload = {
			iss: this.issuers[issuer],
			iat: Math.floor(Date.now() / 1000),
			jti: randomUUID(),
			...claims,
		};
		const token = await new SignJWT(payload)
			.setProtectedHeader({ alg: key.jwk.alg, kid: key.jwk.kid, typ: 'JWT', ...header })
			.sign(key.priv);
		const clientId = typeof claims.client_id === 'string' ? claims.client_id : undefined;
		this.recordIssued({ kind: issuer, token, clientId, issuedAt: Date.now() });
		return token;
	}

	/** Notes a token handed out that this service did not sign (an ID-porten refresh token). */
	recordIssued(issued: IssuedToken): void {
		this.issuedTokens.push(issued);
	}

	/** Every token handed out so far, oldest first (a copy). */
	issued(): IssuedToken[] {
		return this.issuedTokens.slice();
	}

	/** Which of the stand-in's issuers a token claims to come from (not verified). */
	issuerOf(token: string): IssuerName | undefined {
		try {
			const iss = decodeJwt(token).iss;
			return (Object.keys(this.issuers) as IssuerName[]).find((name) => this.issuers[name] === iss);
		} catch {
			return undefined;
		}
	}

	/**
	 * Verifies a bearer token issued by one of `accepted` as an ASP.NET JwtBearer check does:
	 * signature, issuer, a required `exp`, `exp` and `nbf` within `clockSkewSeconds` (see
	 * CLOCK_SKEW_SECONDS), and revocation.
	 */
	async verify(
		token: string,
		accepted: IssuerName[],
		clockSkewSeconds: number,
	): Promise<{ ok: true; value: VerifiedToken } | VerifyFailure> {
		let issuer: IssuerName | undefined;
		try {
			decodeProtectedHeader(token);
			issuer = this.issuerOf(token);
		} catch {
			return { ok: false, reason: 'The token is malformed' };
		}
		if (!issuer || !accepted.includes(issuer))
			return { ok: false, reason: 'The token issuer is not accepted' };
		try {
			const { payload } = await jwtVerify(token, this.keys.get(issuer)!.pub, {
				issuer: this.issuers[issuer],
				clockTolerance: clockSkewSeconds,
				requiredClaims: ['exp'],
			});
			if (this.isRevoked(token, payload))
				return { ok: false, reason: 'The token has been revoked' };
			return { ok: true, value: { issuer, claims: payload as VerifiedToken['claims'], token } };
		} catch (e) {
			const { code, claim } = e as { code?: string; claim?: string };
			const reason =
				code === 'ERR_JWT_EXPIRED'
					? 'The token is expired'
					: code === 'ERR_JWT_CLAIM_VALIDATION_FAILED' && claim === 'nbf'
						? 'The token is not valid yet'
						: code === 'ERR_JWT_CLAIM_VALIDATION_FAILED' && claim === 'exp'
							? 'The token has no expiration time'
							: 'The token signature is invalid';
			return { ok: false, reason };
		}
	}

	/** Revokes a token (by its text or its `jti`): every service rejects it from now on. */
	revoke(tokenOrJti: string): void {
		this.revokedHashes.add(sha256(tokenOrJti));
		if (tokenOrJti.split('.').length === 3) {
			try {
				const jti = decodeJwt(tokenOrJti).jti;
				if (jti) this.revokedJti.add(jti);
			} catch {
				// not a JWT after all; the hash still revokes it
			}
		} else this.revokedJti.add(tokenOrJti);
	}

	isRevoked(token: string, claims?: JWTPayload): boolean {
		if (this.revokedHashes.has(sha256(token))) return true;
		return !!claims?.jti && this.revokedJti.has(claims.jti);
	}
}
