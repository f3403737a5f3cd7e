/**
 * The Maskinporten credential's preAuthentication and the hidden fields it fills. n8n caches a
 * preAuthentication token in the credential's hidden expirable field and renews it only when that
 * field is empty or an API answers 401; it never looks at expiry times. The token comes from the
 * TokenService, which sends one grant per configuration and lifetime however many requests ask at
 * once. After a 401 n8n calls preAuthentication with the refused token, which is dropped (once,
 * however many requests saw it) and replaced, and n8n retries the request once.
 */
import type {
	ICredentialDataDecryptedObject,
	IDataObject,
	IHttpRequestHelper,
	IHttpRequestOptions,
} from 'n8n-workflow';
import { parseMaskinportenCredential, type MaskinportenConfig } from './maskinporten';
import { getTokenService } from './state';
import type { CachedToken } from './tokenCache';

/** The hidden fields the Maskinporten credential persists next to its token. */
export interface PersistedTokenFields extends IDataObject {
	accessToken: string;
	/** Milliseconds since the epoch. */
	expiresAt: number;
	refreshAt: number;
	/** The configuration the token belongs to (a hash, see MaskinportenConfig.cacheKey). */
	configFingerprint: string;
}

/**
 * n8n calls it with an empty token (none cached yet), with the token an API just refused (after a
 * 401).
 */
export async function maskinportenPreAuthentication(
	this: IHttpRequestHelper,
	credentials: ICredentialDataDecryptedObject,
): Promise<PersistedTokenFields> {
	const config = parseMaskinportenCredential(credentials);
	const shown = typeof credentials.accessToken === 'string' ? credentials.accessToken : '';
	const http = async (options: IHttpRequestOptions) => await this.helpers.httpRequest(options);
	const token = await getTokenService().maskinportenAccessToken(
		http,
		config,
		shown === '' ? undefined : shown,
	);
	return {
		accessToken: token.token,
		expiresAt: token.expiresAt,
		refreshAt: token.refreshAt,
		configFingerprint: config.cacheKey,
	};
}

/** A token persisted by an earlier preAuthentication (possibly in another process), if it fits this configuration. */
export function persistedToken(
	data: ICredentialDataDecryptedObject,
	config: MaskinportenConfig,
): CachedToken | undefined {
	const token = typeof data.accessToken === 'string' ? data.accessToken : '';
	const expiresAt = Number(data.expiresAt);
	const refreshAt = Number(data.refreshAt);
	if (token === '' || data.configFingerprint !== config.cacheKey) return undefined;
	if (!Number.isFinite(expiresAt) || !Number.isFinite(refreshAt)) return undefined;
	return { token, expiresAt, refreshAt, obtainedAt: refreshAt - (expiresAt - refreshAt) };
}
