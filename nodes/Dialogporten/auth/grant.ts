/**
 * The Maskinporten JWT grant (docs.digdir.no, "JWT grant"): header `alg` plus `kid` or `x5c`;
 * claims `aud` (the Maskinporten issuer), `iss` (client id), `scope`, `iat`, `exp` (at most 120 s
 * after `iat`), a unique `jti`, and for the other grant types `authorization_details` (system user)
 * or `consumer_org` (supplier). Maskinporten answers "Invalid assertion" to claims it does not
 * document, so nothing else is added (no `sub`, no `typ`).
 */
import { randomUUID, sign } from 'node:crypto';
import type { SigningAlgorithm, SigningKey } from './keys';

export type MaskinportenGrantType = 'client' | 'systemUser' | 'supplier';

/** Seconds between `iat` and `exp`; Maskinporten's limit is 120. */
export const GRANT_LIFETIME_SECONDS = 100;

export interface GrantInput {
	audience: string;
	clientId: string;
	scopes: string[];
	grantType: MaskinportenGrantType;
	/** 9-digit org number owning the system user (systemUser). */
	systemUserOrg?: string;
	externalRef?: string;
	/** 9-digit org number of the consumer (supplier). */
	consumerOrg?: string;
	algorithm: SigningAlgorithm;
	key: SigningKey;
	/** Milliseconds since the epoch. */
	now: number;
}

export interface GrantClaims {
	aud: string;
	iss: string;
	scope: string;
	iat: number;
	exp: number;
	jti: string;
	authorization_details?: Array<{
		type: 'urn:altinn:systemuser';
		systemuser_org: { authority: typeof ISO6523_ACTOR_ID_SCHEME; ID: string };
		externalRef?: string;
	}>;
	consumer_org?: string;
}

/** The identifier scheme of Norwegian organization numbers (ISO 6523, "0192:" prefix). */
const ISO6523_ACTOR_ID_SCHEME = 'iso6523-actorid-upis';

const HASH: Record<SigningAlgorithm, string> = {
	RS256: 'sha256',
	RS384: 'sha384',
	RS512: 'sha512',
};

function base64url(value: Buffer | string): string {
	return Buffer.from(value).toString('base64url');
}

export function grantClaims(input: GrantInput): GrantClaims {
	const iat = Math.floor(input.now / 1000);
	const claims: GrantClaims = {
		aud: input.audience,
		iss: input.clientId,
		scope: input.scopes.join(' '),
		iat,
		exp: iat + GRANT_LIFETIME_SECONDS,
		jti: randomUUID(),
	};
	if (input.grantType === 'systemUser') {
		claims.authorization_details = [
			{
				type: 'urn:altinn:systemuser',
				systemuser_org: { authority: ISO6523_ACTOR_ID_SCHEME, ID: `0192:${input.systemUserOrg}` },
				...(input.externalRef ? { externalRef: input.externalRef } : {}),
			},
		];
	}
	if (input.grantType === 'supplier') claims.consumer_org = input.consumerOrg;
	return claims;
}

/** Builds and signs one grant. Every call has a fresh `jti`: Maskinporten refuses a reused grant (MP-012). */
export function buildGrant(input: GrantInput): string {
	const header = { alg: input.algorithm, ...input.key.header };
	const signingInput = `${base64url(JSON.stringify(header))}.${base64url(JSON.stringify(grantClaims(input)))}`;
	const signature = sign(HASH[input.algorithm], Buffer.from(signingInput), input.key.privateKey);
	return `${signingInput}.${base64url(signature)}`;
}
