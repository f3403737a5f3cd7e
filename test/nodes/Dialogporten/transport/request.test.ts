import type { IHttpRequestOptions } from 'n8n-workflow';
import {
	apiRequest,
	queryParameters,
	readNodeParameter,
} from '../../../../nodes/Dialogporten/transport/request';
import type { AnyContext } from '../../../../nodes/Dialogporten/auth';

describe('queryParameters', () => {
	it('keeps a key named __proto__ as a query key, never as the prototype', () => {
		const result = queryParameters(JSON.parse('{"__proto__": "x", "party": "a"}'));
		expect(Object.keys(result)).toEqual(['__proto__', 'party']);
		expect(Object.getPrototypeOf(result)).toBe(Object.prototype);
		expect(result.__proto__).toBe('x');
	});

	it('keeps lists (n8n sends them as repeated keys) and leaves out empty values', () => {
		expect(
			queryParameters({
				party: [
					'urn:altinn:organization:identifier-no:310000051',
					'urn:altinn:person:identifier-no:01125512345',
				],
				status: ['InProgress', ''],
				search: '',
				org: [],
				limit: 10,
				excludeApiOnly: false,
				process: undefined,
				deleted: null,
			}),
		).toEqual({
			party: [
				'urn:altinn:organization:identifier-no:310000051',
				'urn:altinn:person:identifier-no:01125512345',
			],
			status: ['InProgress'],
			limit: 10,
			excludeApiOnly: false,
		});
		expect(queryParameters({})).toEqual({});
		expect(queryParameters(undefined)).toEqual({});
	});
});

/**
 * An n8n node context with a connected ID-porten credential (Test environment) whose requests
 * `send` answers; `reads()` counts the credential reads.
 */
function idPortenContext(
	send: (options: IHttpRequestOptions) => { statusCode: number; headers: object; body: unknown },
	accessToken = 'access-token',
) {
	let reads = 0;
	const context = {
		getNode: () => ({
			id: 'node',
			name: 'Dialogporten',
			type: 'n8n-nodes-dialogporten.dialogporten',
			typeVersion: 1,
			position: [0, 0],
			parameters: {},
			credentials: { idPortenOAuth2Api: { id: '1', name: 'ID-porten' } },
		}),
		getCredentials: async () => {
			reads++;
			return {
				environment: 'test',
				scope: 'openid digdir:dialogporten',
				exchangeToAltinn: false,
				oauthTokenData: { access_token: accessToken },
			};
		},
		helpers: {
			httpRequestWithAuthentication: async (_type: string, options: IHttpRequestOptions) =>
				send(options),
		},
	} as unknown as AnyContext;
	return { context, reads: () => reads };
}

describe('a 401 on an n8n that ignores every status once ignoreHttpStatusErrors is an object', () => {
	// n8n 2.8 and older (and 1.x) know only `ignoreHttpStatusErrors: true`: the `except: [401]` this
	// package sends is read as "ignore everything", so the 401 comes back as a response, and n8n
	// refreshes the OAuth2 token only when the 401 throws.
	function oldN8n() {
		const sent: IHttpRequestOptions[] = [];
		let refreshes = 0;
		const { context } = idPortenContext((options) => {
			sent.push(options);
			if (refreshes === 0 && options.ignoreHttpStatusErrors)
				return { statusCode: 401, headers: {}, body: { title: 'Unauthorized' } };
			if (refreshes === 0) refreshes++; // the 401 threw: n8n refreshed and sent it again
			return { statusCode: 200, headers: {}, body: { items: [] } };
		}, 'expired-access-token');
		return { context, sent, refreshes: () => refreshes };
	}

	it('is sent once more without it, so n8n refreshes the token and the request succeeds', async () => {
		const n8n = oldN8n();
		const body = await apiRequest.call(n8n.context, {
			api: 'enduser',
			method: 'GET',
			path: '/api/v1/enduser/dialogs',
			auth: 'idPortenOAuth2Api',
		});
		expect(body).toEqual({ items: [] });
		expect(n8n.sent.map((o) => o.ignoreHttpStatusErrors)).toEqual([
			{ ignore: true, except: [401] },
			undefined,
		]);
		expect(n8n.refreshes()).toBe(1);
	});
});

describe('credential reads', () => {
	// In n8n each read is a database look-up, a decryption and the credential's expressions.
	const counting = (statuses: number[]) =>
		idPortenContext(() => {
			const statusCode = statuses.shift() ?? 200;
			return {
				statusCode,
				headers: statusCode === 429 ? { 'retry-after': '0' } : {},
				body: { items: [] },
			};
		});
	const request = {
		api: 'enduser',
		method: 'GET',
		path: '/api/v1/enduser/dialogs',
		auth: 'idPortenOAuth2Api',
	} as const;

	it('are one per request: the base URL and the token come from the same read', async () => {
		const n8n = counting([]);
		await apiRequest.call(n8n.context, request);
		expect(n8n.reads()).toBe(1);
	});

	it('are made afresh for a retry after a 429', async () => {
		const n8n = counting([429]);
		await apiRequest.call(n8n.context, request);
		expect(n8n.reads()).toBe(2);
	});
});

describe('readNodeParameter', () => {
	function context(parameters: Record<string, unknown>) {
		const reads: string[] = [];
		const ctx = {
			getNode: () => {
				reads.push('getNode');
				return { parameters };
			},
			getInputData: () => [],
			continueOnFail: () => false,
			getNodeParameter: (name: string, itemIndex: number) => {
				reads.push(`${name}@${itemIndex}`);
				const value = parameters[name];
				return typeof value === 'string' && value.startsWith('=') ? `item ${itemIndex}` : value;
			},
		} as unknown as AnyContext;
		return { ctx, reads };
	}

	it('reads a parameter with no expression in the editor once per node run', () => {
		const { ctx, reads } = context({ authentication: 'maskinportenApi', api: 'enduser' });
		for (let item = 0; item < 3; item++) {
			expect(readNodeParameter.call(ctx, 'authentication', item)).toBe('maskinportenApi');
			expect(readNodeParameter.call(ctx, 'api', item)).toBe('enduser');
		}
		// n8n's getNode() copies the whole node (a large JSON body too): once per parameter and run.
		expect(reads).toEqual(['getNode', 'authentication@0', 'getNode', 'api@0']);
		// Another node run (another context) reads it again.
		const next = context({ authentication: 'idPortenOAuth2Api' });
		expect(readNodeParameter.call(next.ctx, 'authentication', 0)).toBe('idPortenOAuth2Api');
	});

	it('reads it for each item when an imported workflow holds an expression there', () => {
		const { ctx, reads } = context({ authentication: '={{ $json.auth }}' });
		expect(readNodeParameter.call(ctx, 'authentication', 0)).toBe('item 0');
		expect(readNodeParameter.call(ctx, 'authentication', 1)).toBe('item 1');
		expect(reads).toEqual(['getNode', 'authentication@0', 'authentication@1']);
	});

	it('reads other parameters for each item', () => {
		const { ctx, reads } = context({ simplify: true });
		readNodeParameter.call(ctx, 'simplify', 0);
		readNodeParameter.call(ctx, 'simplify', 1);
		expect(reads).toEqual(['simplify@0', 'simplify@1']);
	});
});
