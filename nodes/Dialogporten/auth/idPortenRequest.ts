/**
 * A request with an ID-porten credential that exchanges to an Altinn token. The exchange call goes
 * through n8n's OAuth2 support (so the ID-porten token is added and refreshed), the Altinn token is
 * cached by the ID-porten token it came from, and the API call carries that Altinn token; a 401
 * leads to one new exchange and one retry.
 */
import { NodeApiError, type IHttpRequestOptions, type JsonObject } from 'n8n-workflow';
import { readCredential, readIdPortenToken, type AnyContext } from './credential';
import { httpStatusOf } from '../transport/errors';
import { withoutRequest } from './errors';
import { exchangeIdPortenToken } from './exchange';
import { idPortenExchangeKey, type IdPortenConfig, type IdPortenTokenInfo } from './idporten';
import { getTokenService, refreshIdPortenTokenOnce } from './state';
import { refreshMargin } from './tokenCache';

export async function requestWithAltinnToken(
	this: AnyContext,
	config: IdPortenConfig,
	token: IdPortenTokenInfo,
	options: IHttpRequestOptions,
	itemIndex?: number,
): Promise<unknown> {
	const service = getTokenService();
	let source = token;
	let key = idPortenExchangeKey(config, source.accessToken);
	if (!service.altinn.fresh(key) && source.expiresAt !== undefined) {
		// The exchanged token expires with the ID-porten token it came from, so an ID-porten token
		// inside its refresh margin is renewed first; otherwise the new Altinn token would be as
		// short-lived as the old one.
		const lifetime = source.issuedAt !== undefined ? source.expiresAt - source.issuedAt : 120_000;
		if (service.now() >= source.expiresAt - refreshMargin(lifetime)) {
			await refreshIdPortenTokenOnce(
				key,
				async () => await this.helpers.refreshOAuth2Token.call(this, 'idPortenOAuth2Api'),
			);
			const data = await readCredential.call(this, 'idPortenOAuth2Api', itemIndex);
			source = readIdPortenToken.call(this, data, itemIndex);
			key = idPortenExchangeKey(config, source.accessToken);
		}
	}
	const exchange = async () =>
		await exchangeIdPortenToken.call(this, config, service.now, itemIndex);
	const altinnToken = await service.idPortenAltinnToken(key, exchange);
	const first = await sendWithAltinnToken.call(this, options, altinnToken.token);
	if (first.ok) return first.response;
	if (first.status !== 401) throw first.error;
	const renewed = await service.idPortenAltinnToken(key, exchange, altinnToken.token);
	const second = await sendWithAltinnToken.call(this, options, renewed.token);
	if (second.ok) return second.response;
	throw second.error;
}

type SendResult =
	{ ok: true; response: unknown } | { ok: false; status?: number; error: NodeApiError };

/**
 * Sends the API call with the exchanged Altinn token. n8n's own authentication cannot do this: its
 * OAuth2 support would sign the request with the ID-porten token, and no credential field holds the
 * Altinn token (it is per ID-porten token and lives only in this process's cache). So the bearer is
 * set here, and errors are wrapped the way httpRequestWithAuthentication wraps them.
 */
async function sendWithAltinnToken(
	this: AnyContext,
	options: IHttpRequestOptions,
	token: string,
): Promise<SendResult> {
	try {
		const response = await this.helpers.httpRequest({
			...options,
			headers: { ...(options.headers ?? {}), Authorization: `Bearer ${token}` },
		});
		return { ok: true, response };
	} catch (error) {
		return {
			ok: false,
			status: httpStatusOf(error),
			error: withoutRequest(new NodeApiError(this.getNode(), error as JsonObject)),
		};
	}
}
