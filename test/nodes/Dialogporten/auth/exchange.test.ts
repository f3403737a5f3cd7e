import type { IHttpRequestOptions } from 'n8n-workflow';
import {
	exchangeForAltinnToken,
	parseExchangeBody,
} from '../../../../nodes/Dialogporten/auth/exchange';
import { unsignedJwt } from './credentialData';

describe('Altinn token exchange', () => {
	const now = () => 1_700_000_000_000;
	const altinnToken = unsignedJwt({ iat: 1_700_000_000, exp: 1_700_001_800, scope: 'x' });

	it.each([
		['a raw JWT', altinnToken],
		['a JSON-quoted JWT', JSON.stringify(altinnToken)],
		['a JSON-quoted JWT with whitespace', `  ${JSON.stringify(altinnToken)}\n`],
	])('accepts %s', (_, body) => {
		expect(parseExchangeBody(body)).toBe(altinnToken);
	});

	it.each(['', '""', '"not a token"', '{"token":"x"}', 'eyJ.broken'])('rejects %j', (body) => {
		expect(parseExchangeBody(body)).toBeUndefined();
	});

	it("sends the bearer token and caches by the exchanged token's own exp", async () => {
		const requests: IHttpRequestOptions[] = [];
		const http = async (options: IHttpRequestOptions) => {
			requests.push(options);
			return { statusCode: 200, body: JSON.stringify(altinnToken), headers: {} };
		};
		const result = await exchangeForAltinnToken(
			http,
			'https://platform.tt02.altinn.no/authentication/api/v1/exchange/maskinporten?test=true',
			'mp-token',
			'Maskinporten',
			now,
		);
		expect(result).toEqual({
			ok: true,
			token: { token: altinnToken, expiresAt: 1_700_001_800_000, issuedAt: 1_700_000_000_000 },
		});
		expect(requests[0]).toMatchObject({
			method: 'GET',
			url: 'https://platform.tt02.altinn.no/authentication/api/v1/exchange/maskinporten?test=true',
			headers: { Authorization: 'Bearer mp-token' },
		});
	});

	it("reports a refusal with Altinn's problem details, never the bearer token", async () => {
		const bearer = unsignedJwt({ scope: 'openid digdir:dialogporten' });
		const http = async () => ({
			statusCode: 403,
			body: JSON.stringify({
				title: 'Forbidden',
				detail: `Token ${bearer} lacks an altinn scope`,
				traceId: '00-abc-01',
			}),
			headers: {},
		});
		const result = await exchangeForAltinnToken(
			http,
			'https://x/exchange/id-porten',
			bearer,
			'ID-porten',
			now,
		);
		expect(result.ok).toBe(false);
		if (result.ok) return;
		expect(result.status).toBe(403);
		expect(result.error.message).toBe(
			'The Altinn token exchange refused the ID-porten token (HTTP 403): Forbidden – Token [redacted] lacks an altinn scope – traceId 00-abc-01',
		);
		expect(result.error.description).toMatch(/altinn: scope/);
	});
});
