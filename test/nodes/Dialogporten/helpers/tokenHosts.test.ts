import {
	ALTINN_TOKEN_HOSTS,
	defaultTokenHosts,
	parseTokenHosts,
	tokenHostRefusal,
} from '../../../../nodes/Dialogporten/helpers/tokenHosts';
import type { InputValidator } from '../../../../nodes/Dialogporten/helpers/validation';

const check = {
	fail(message: string): never {
		throw new Error(message);
	},
} as unknown as InputValidator;

const endpoints = (platform: string, dialogporten: string) => ({
	platform,
	dialogporten,
	events: `${platform}/events/api/v1`,
});

describe('hosts the credential token may go to', () => {
	it('are the Altinn platform and Altinn apps of Test and Production, and the own URLs of Custom', () => {
		const altinn = endpoints('https://x', 'https://x');
		expect(defaultTokenHosts('test', altinn)).toEqual([
			'platform.tt02.altinn.no',
			'*.apps.tt02.altinn.no',
		]);
		expect(defaultTokenHosts('production', altinn)).toEqual([...ALTINN_TOKEN_HOSTS.production]);
		expect(
			defaultTokenHosts(
				'custom',
				endpoints('http://127.0.0.1:7780/platform', 'http://127.0.0.1:7780/dialogporten'),
			),
		).toEqual(['127.0.0.1:7780']);
		expect(
			defaultTokenHosts(
				'custom',
				endpoints(
					'https://platform.at22.altinn.cloud',
					'https://dp.at22.altinn.cloud/dialogporten',
				),
			),
		).toEqual(['platform.at22.altinn.cloud', 'dp.at22.altinn.cloud']);
	});

	it.each([
		['https://platform.tt02.altinn.no/correspondence/api/v1/x', undefined],
		['https://ttd.apps.tt02.altinn.no/ttd/app/instances/1', undefined],
		['https://platform.altinn.no/x', /not an allowed host/],
		['https://apps.tt02.altinn.no/x', /not an allowed host/],
		['https://platform.tt02.altinn.no.evil.example/x', /not an allowed host/],
		['https://evil.example/platform.tt02.altinn.no', /not an allowed host/],
		['http://platform.tt02.altinn.no/x', /only https is allowed outside the Custom environment/],
	])('in Test: %s', (url, refused) => {
		const refusal = tokenHostRefusal(new URL(url), {
			environment: 'test',
			allowed: [...ALTINN_TOKEN_HOSTS.test],
		});
		if (refused) expect(refusal?.message).toMatch(refused);
		else expect(refusal).toBeUndefined();
	});

	it('in Custom: plain http is allowed, and a port must match when the entry names one', () => {
		const policy = { environment: 'custom' as const, allowed: ['127.0.0.1:7780', '*.example.no'] };
		expect(tokenHostRefusal(new URL('http://127.0.0.1:7780/a'), policy)).toBeUndefined();
		expect(tokenHostRefusal(new URL('http://127.0.0.1:7781/a'), policy)?.message).toBe(
			'The credential token is not sent to 127.0.0.1:7781: it is not an allowed host',
		);
		expect(tokenHostRefusal(new URL('http://api.example.no:8443/a'), policy)).toBeUndefined();
		expect(tokenHostRefusal(new URL('http://example.no/a'), policy)).toBeDefined();
	});

	it('reads the hosts the user adds, separated by commas, spaces or lines, and refuses what is not a host', () => {
		expect(parseTokenHosts(' API.example.no,*.example.no\n127.0.0.1:8080 ', check)).toEqual([
			'api.example.no',
			'*.example.no',
			'127.0.0.1:8080',
		]);
		expect(parseTokenHosts('', check)).toEqual([]);
		for (const bad of ['https://api.example.no', 'api.example.no/path', '*', '*.', 'a..b']) {
			expect(() => parseTokenHosts(bad, check)).toThrow(
				`"${bad}" in Trusted Hosts is not a host name`,
			);
		}
	});
});
