/**
 * The ID-porten credential's configuration. n8n's OAuth2 support does the authorization code + PKCE
 * flow, stores the tokens and refreshes them; this module only adds what Altinn needs on top: the
 * environment's endpoints and the optional exchange to an Altinn token.
 */
import { createHash } from 'node:crypto';
import { UserError, type ICredentialDataDecryptedObject } from 'n8n-workflow';
import {
	altinnEndpoints,
	exchangeUrl,
	parseEnvironment,
	type AltinnEndpoints,
	type AltinnEnvironment,
} from './environments';
import { decodeJwtPayload } from './http';

export interface IdPortenConfig {
	environment: AltinnEnvironment;
	endpoints: AltinnEndpoints;
	exchange: boolean;
	exchangeUrl: string;
}

export function parseIdPortenCredential(data: ICredentialDataDecryptedObject): IdPortenConfig {
	const environment = parseEnvironment(data.environment);
	const endpoints = altinnEndpoints(environment, data);
	return {
		environment,
		endpoints,
		exchange: data.exchangeToAltinn === true,
		exchangeUrl: exchangeUrl(endpoints.platform, 'id-porten'),
	};
}

export interface IdPortenTokenInfo {
	accessToken: string;
	/** Milliseconds since the epoch, when known. */
	expiresAt?: number;
	issuedAt?: number;
}

/** The stored ID-porten access token and, when it can be told, its lifetime. */
export function idPortenAccessToken(data: ICredentialDataDecryptedObject): IdPortenTokenInfo {
	const tokenData = data.oauthTokenData as Record<string, unknown> | undefined;
	const accessToken = typeof tokenData?.access_token === 'string' ? tokenData.access_token : '';
	if (accessToken === '') {
		throw new UserError(
			'The ID-porten credential is not connected: open it and click "Connect my account"',
		);
	}
	const payload = decodeJwtPayload(accessToken);
	const exp = Number(payload?.exp);
	const iat = Number(payload?.iat);
	const storedExpiry = Number(tokenData?.n8n_expires_at);
	return {
		accessToken,
		expiresAt: Number.isFinite(exp)
			? exp * 1000
			: Number.isFinite(storedExpiry)
				? storedExpiry
				: undefined,
		issuedAt: Number.isFinite(iat) ? iat * 1000 : undefined,
	};
}

/** Cache key of the Altinn token exchanged from one ID-porten access token (a hash, never the token). */
export function idPortenExchangeKey(config: IdPortenConfig, accessToken: string): string {
	const tokenHash = createHash('sha256').update(accessToken).digest('hex');
	return `idporten:${createHash('sha256')
		.update(JSON.stringify([config.exchangeUrl, tokenHash]))
		.digest('hex')
		.slice(0, 40)}`;
}
