/** Credential data and tokens shared by the Maskinporten tests. */
import type { ICredentialDataDecryptedObject } from 'n8n-workflow';

/** A Test-environment client credential with a JWK key; `overrides` replace any field. */
export function maskinportenData(
	jwk: Record<string, unknown>,
	overrides: ICredentialDataDecryptedObject = {},
): ICredentialDataDecryptedObject {
	return {
		environment: 'test',
		clientId: 'client-1',
		grantType: 'client',
		scopes: 'digdir:dialogporten.serviceprovider',
		keyType: 'jwk',
		privateJwk: JSON.stringify(jwk),
		keyId: '',
		algorithm: 'RS256',
		exchangeToAltinn: false,
		altinnTestOrg: false,
		...overrides,
	};
}

/** A JWT with these claims and a signature nobody checks. */
export function unsignedJwt(claims: Record<string, unknown>): string {
	const part = (value: unknown) => Buffer.from(JSON.stringify(value)).toString('base64url');
	return `${part({ alg: 'RS256' })}.${part(claims)}.c2lnbmF0dXJl`;
}

/** The error a promise rejects with; fails the test when it resolves. */
export async function rejectionOf<E = Error & { description?: string; httpCode?: string }>(
	promise: Promise<unknown>,
): Promise<E> {
	try {
		await promise;
	} catch (error) {
		return error as E;
	}
	throw new Error('expected the promise to reject');
}
