// Builds Maskinporten JWT grants from the fixture clients, the way a client library would (and,
// with overrides, the way a broken one would). For tests and the demo; the published credential
// builds its own grants with node:crypto.
import { X509Certificate, createPrivateKey, randomUUID } from 'node:crypto';
import { SignJWT } from 'jose';
import type { MaskinportenClient, PrivateJwk } from './fixtures';
import { omit } from './http';

export interface GrantOptions {
	/** The Maskinporten issuer (`urls.maskinporten.issuer`), used as `aud` unless `aud` is given. */
	issuer: string;
	scope: string;
	alg?: 'RS256' | 'RS384' | 'RS512' | string;
	/** Key id to send (default: the client's first non-expired key). Ignored with `useCertificate`. */
	kid?: string;
	/** Sign with the client's business certificate and send it in `x5c` (certificate clients). */
	useCertificate?: boolean;
	/** Supplier grant: `consumer_org`. */
	consumerOrg?: string;
	/** System-user grant: `authorization_details` for this owning organisation. */
	systemUserOrg?: string;
	externalRef?: string;
	resource?: string[];
	/** Overrides for negative tests. */
	aud?: unknown;
	iss?: string;
	iat?: number;
	exp?: number;
	jti?: string | null;
	extraClaims?: Record<string, unknown>;
	extraHeader?: Record<string, unknown>;
	/** Use this key material instead of the client's (e.g. a wrong key). */
	privateJwk?: PrivateJwk;
}

export async function createGrant(
	client: MaskinportenClient & { certificatePem?: string; privateKeyPem?: string },
	options: GrantOptions,
): Promise<string> {
	const now = Math.floor(Date.now() / 1000);
	const claims: Record<string, unknown> = {
		aud: options.aud ?? options.issuer,
		iss: options.iss ?? client.clientId,
		scope: options.scope,
		iat: options.iat ?? now,
		exp: options.exp ?? (options.iat ?? now) + 100,
	};
	if (options.jti !== null) claims.jti = options.jti ?? randomUUID();
	if (options.resource) claims.resource = options.resource;
	if (options.consumerOrg) claims.consumer_org = options.consumerOrg;
	if (options.systemUserOrg) {
		const detail: Record<string, unknown> = {
			type: 'urn:altinn:systemuser',
			systemuser_org: {
				authority: 'iso6523-actorid-upis',
				ID: options.systemUserOrg.startsWith('0192:')
					? options.systemUserOrg
					: `0192:${options.systemUserOrg}`,
			},
		};
		if (options.externalRef) detail.externalRef = options.externalRef;
		claims.authorization_details = [detail];
	}
	Object.assign(claims, options.extraClaims);
	const alg = options.alg ?? 'RS256';
	if (options.useCertificate) {
		if (!client.certificatePem || !client.privateKeyPem)
			throw new Error(`Client ${client.clientId} has no certificate`);
		const der = new X509Certificate(client.certificatePem).raw.toString('base64');
		return new SignJWT(claims)
			.setProtectedHeader({ alg, x5c: [der], ...options.extraHeader })
			.sign(createPrivateKey(client.privateKeyPem));
	}
	const registered = options.privateJwk
		? { kid: options.privateJwk.kid, privateJwk: options.privateJwk }
		: client.keys.find((k) => (options.kid ? k.kid === options.kid : !k.expired));
	if (!registered) throw new Error(`Client ${client.clientId} has no key ${options.kid ?? ''}`);
	const jwk = omit(registered.privateJwk, ['alg', 'use', 'kid']);
	return new SignJWT(claims)
		.setProtectedHeader({
			alg,
			kid: options.kid ?? registered.kid,
			typ: 'JWT',
			...options.extraHeader,
		})
		.sign(createPrivateKey({ key: jwk as never, format: 'jwk' }));
}
