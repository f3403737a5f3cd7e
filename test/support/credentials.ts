/**
 * Credential data for tests and the demo: the stand-in's committed test clients, written the way a
 * user would fill in the Maskinporten and ID-porten credentials with environment "Custom" pointing
 * at a running local Altinn. Usable with the in-process runtime (`runtime.addCredential(type, data)`)
 * and with `n8n import:credentials` (the values are plain, no expressions).
 */
import type { ICredentialDataDecryptedObject } from 'n8n-workflow';
import {
	certificateClient,
	idPortenClient,
	organizations,
	serviceOwnerClient,
	supplierClient,
	systemUserClient,
	systemUsers,
	type MaskinportenClient,
} from '../../altinn-local/fixtures';

/** The part of a running stand-in (`startAltinnLocal()`) the builders need. */
export interface LocalAltinnUrls {
	urls: {
		maskinporten: { issuer: string; token: string };
		idporten: { authorize: string; token: string };
		platform: string;
		dialogporten: string;
		inbox?: string;
	};
}

export type MaskinportenFixture =
	| 'serviceOwner'
	| 'systemUser'
	/** The system user created with an externalRef (owned by REGNSKAP NORD AS). */
	| 'systemUserWithExternalRef'
	| 'supplier'
	| 'certificate';

export const SERVICE_OWNER_SCOPES =
	'digdir:dialogporten.serviceprovider digdir:dialogporten.serviceprovider.search';
export const SYSTEM_USER_SCOPES = 'digdir:dialogporten';
export const ID_PORTEN_SCOPES = 'openid digdir:dialogporten altinn:portal/enduser';

function jwkOf(client: MaskinportenClient): string {
	const key = client.keys.find((k) => !k.expired);
	if (!key) throw new Error(`Fixture client ${client.clientId} has no valid key`);
	return JSON.stringify(key.privateJwk);
}

/** Maskinporten credential data (`maskinportenApi`) for one of the stand-in's clients. */
export function maskinportenCredential(
	local: LocalAltinnUrls,
	fixture: MaskinportenFixture,
	overrides: ICredentialDataDecryptedObject = {},
): ICredentialDataDecryptedObject {
	const common: ICredentialDataDecryptedObject = {
		environment: 'custom',
		tokenUrl: local.urls.maskinporten.token,
		audience: local.urls.maskinporten.issuer,
		platformUrl: local.urls.platform,
		dialogportenUrl: local.urls.dialogporten,
		inboxUrl: local.urls.inbox ?? '',
		keyType: 'jwk',
		keyId: '',
		algorithm: 'RS256',
		exchangeToAltinn: false,
		altinnTestOrg: false,
		accessToken: '',
	};
	let specific: ICredentialDataDecryptedObject;
	switch (fixture) {
		case 'serviceOwner':
			specific = {
				clientId: serviceOwnerClient.clientId,
				grantType: 'client',
				scopes: SERVICE_OWNER_SCOPES,
				privateJwk: jwkOf(serviceOwnerClient),
			};
			break;
		case 'systemUser':
			specific = {
				clientId: systemUserClient.clientId,
				grantType: 'systemUser',
				scopes: SYSTEM_USER_SCOPES,
				systemUserOrg: systemUsers.bakery.ownerOrg,
				externalRef: '',
				privateJwk: jwkOf(systemUserClient),
			};
			break;
		case 'systemUserWithExternalRef':
			specific = {
				clientId: systemUserClient.clientId,
				grantType: 'systemUser',
				scopes: SYSTEM_USER_SCOPES,
				systemUserOrg: systemUsers.accountant.ownerOrg,
				externalRef: systemUsers.accountant.externalRef,
				privateJwk: jwkOf(systemUserClient),
			};
			break;
		case 'supplier':
			specific = {
				clientId: supplierClient.clientId,
				grantType: 'supplier',
				scopes: SERVICE_OWNER_SCOPES,
				consumerOrg: organizations.serviceOwner.orgNumber,
				privateJwk: jwkOf(supplierClient),
			};
			break;
		case 'certificate':
			specific = {
				clientId: certificateClient.clientId,
				grantType: 'client',
				scopes: SERVICE_OWNER_SCOPES,
				keyType: 'certificate',
				certificateChain: certificateClient.certificatePem,
				privateKey: certificateClient.privateKeyPem,
			};
			break;
	}
	return { ...common, ...specific, ...overrides };
}

export interface IdPortenCredentialOptions {
	/** n8n's stored token set ({ access_token, refresh_token, expires_in, … }), as after "Connect my account". */
	oauthTokenData?: ICredentialDataDecryptedObject;
	exchangeToAltinn?: boolean;
	scope?: string;
	authentication?: 'header' | 'body';
	/** The Security Level (acr_values); default idporten-loa-substantial. */
	acrValues?: string;
}

/** ID-porten credential data (`idPortenOAuth2Api`) for the stand-in's ID-porten client. */
export function idPortenCredential(
	local: LocalAltinnUrls,
	options: IdPortenCredentialOptions = {},
): ICredentialDataDecryptedObject {
	const data: ICredentialDataDecryptedObject = {
		environment: 'custom',
		customAuthUrl: local.urls.idporten.authorize,
		customAccessTokenUrl: local.urls.idporten.token,
		platformUrl: local.urls.platform,
		dialogportenUrl: local.urls.dialogporten,
		inboxUrl: local.urls.inbox ?? '',
		// n8n derives these two from the fields above (hidden expressions, and it ignores stored
		// values for them); they are spelled out for the in-process runtime, which does not evaluate
		// credential expressions. authQueryParameters (acr_values and a fresh nonce) is left to the
		// credential's default expression.
		authUrl: local.urls.idporten.authorize,
		accessTokenUrl: local.urls.idporten.token,
		grantType: 'pkce',
		clientId: idPortenClient.clientId,
		clientSecret: idPortenClient.clientSecret,
		scope: options.scope ?? ID_PORTEN_SCOPES,
		acrValues: options.acrValues ?? 'idporten-loa-substantial',
		authentication: options.authentication ?? 'header',
		exchangeToAltinn: options.exchangeToAltinn ?? false,
	};
	if (options.oauthTokenData) data.oauthTokenData = options.oauthTokenData;
	return data;
}
