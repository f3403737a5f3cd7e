/**
 * The Maskinporten credential's two hooks into n8n: `authenticate` puts the token on a request,
 * `preAuthentication` gets a token and fills the hidden fields n8n stores with it.
 *
 * n8n caches a preAuthentication token in the credential's hidden expirable field and calls
 * preAuthentication only when that field is empty or a request sent with the token failed; it
 * never looks at expiry times. The token comes from the TokenService, which sends one grant per
 * configuration and lifetime however many requests ask at once. When preAuthentication returns a
 * new token, n8n sends the failed request once more.
 *
 * "Failed" depends on who sent the request. This package's nodes use httpRequestWithAuthentication,
 * which asks again only after a 401: the token is replaced. n8n's HTTP Request node uses
 * requestWithAuthentication, which asks again after any failure (a 404, a 403, a host outside the
 * credential's allowed domains, a closed port) and cannot say which. There a new token helps only
 * when the one sent has expired or is about to (n8n keeps sending a stored token until an API
 * refuses it) or was made for other settings (the credential was edited); otherwise the token is
 * kept and n8n reports the request's own error without sending it again, so an API error costs no
 * grant. To tell the cases apart, `authenticate` notes which token it put on which credential data
 * (n8n passes the same object to both hooks), and the nodes mark the data they send with.
 */
import type {
	ICredentialDataDecryptedObject,
	IDataObject,
	IHttpRequestHelper,
	IHttpRequestOptions,
} from 'n8n-workflow';
import { decodeJwtPayload } from './http';
import { parseMaskinportenCredential, type MaskinportenConfig } from './maskinporten';
import { getTokenService } from './state';
import { refreshMargin, type CachedToken } from './tokenCache';

/** The hidden fields the Maskinporten credential persists next to its token. */
export interface PersistedTokenFields extends IDataObject {
	accessToken: string;
	/** Milliseconds since the epoch. */
	expiresAt: number;
	refreshAt: number;
	/** The configuration the token belongs to (a hash, see MaskinportenConfig.cacheKey). */
	configFingerprint: string;
}

/** The token `authenticate` put on a request, by the credential data n8n authenticated with. */
const sentWith = new WeakMap<object, string>();
/** Credential data of requests whose failure reaches preAuthentication only as a 401. */
const refusedOnlyWith401 = new WeakSet<object>();

/**
 * Marks credential data this package sends with through httpRequestWithAuthentication: n8n calls
 * preAuthentication again for it only after a 401, so the token sent with it is replaced then.
 */
export function markRetriedOnlyAfter401(data: ICredentialDataDecryptedObject): void {
	refusedOnlyWith401.add(data);
}

/** The credential's `authenticate`: the token as a bearer token, noted for preAuthentication. */
export async function maskinportenAuthenticate(
	credentials: ICredentialDataDecryptedObject,
	requestOptions: IHttpRequestOptions,
): Promise<IHttpRequestOptions> {
	const token = typeof credentials.accessToken === 'string' ? credentials.accessToken : '';
	sentWith.set(credentials, token);
	requestOptions.headers = { ...(requestOptions.headers ?? {}), Authorization: `Bearer ${token}` };
	return requestOptions;
}

/**
 * n8n calls it with an empty token (none stored yet) or with the token of a request that failed.
 * Returns no token when that token stays (see the top of this file).
 */
export async function maskinportenPreAuthentication(
	this: IHttpRequestHelper,
	credentials: ICredentialDataDecryptedObject,
): Promise<PersistedTokenFields | Record<string, never>> {
	const config = parseMaskinportenCredential(credentials);
	const shown = typeof credentials.accessToken === 'string' ? credentials.accessToken : '';
	if (
		shown !== '' &&
		sentWith.get(credentials) === shown &&
		!refusedOnlyWith401.has(credentials) &&
		stillServes(shown, credentials, config)
	)
		return {};
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

/**
 * Whether a token n8n sent would be sent again as it is: it was made for this configuration and is
 * ahead of its refresh margin (by its own `exp` and `iat`, else by the stored refresh time).
 */
function stillServes(
	token: string,
	data: ICredentialDataDecryptedObject,
	config: MaskinportenConfig,
): boolean {
	if (data.configFingerprint !== config.cacheKey) return false;
	const claims = decodeJwtPayload(token);
	const exp = Number(claims?.exp) * 1000;
	const iat = Number(claims?.iat) * 1000;
	const refreshAt =
		Number.isFinite(exp) && Number.isFinite(iat) && exp > iat
			? exp - refreshMargin(exp - iat)
			: Number(data.refreshAt);
	return Number.isFinite(refreshAt) && getTokenService().now() < refreshAt;
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
