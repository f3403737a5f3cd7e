// Faults injected through the stand-in, one per test, each with the outcome the node must reach:
// the token endpoint failing (500) or never answering, Dialogporten rate limiting (429 with
// Retry-After) or unavailable (503), a connection reset in the middle of a response, a token the
// server calls expired (401), and a lost response to a create. Every output and error is scanned
// for secrets; the counts go into the suite's `reliability:` line.
import { NodeApiError, NodeOperationError } from 'n8n-workflow';

import {
	TokenService,
	getTokenService,
	setTokenService,
} from '../../../../nodes/Dialogporten/auth';
import { SecretScanner } from '../../../credentials/support/secretScanner';
import { emptyCounts, recordCounts } from '../../../support/reliability/counts';
import {
	BAKERY,
	DEMO_RESOURCE,
	NodeHarness,
	dialogBody,
	dialogLocator,
	failureOf,
	partyLocator,
} from '../support/harness';

const SERVICE_OWNER = '/dialogporten/api/v1/serviceowner/dialogs';
const TOKEN_PATH = '/maskinporten/token';

describe('reliability: faults injected through the stand-in', () => {
	const h = new NodeHarness();
	const scanner = new SecretScanner();
	const counts = emptyCounts();
	let dialogId: string;

	beforeAll(async () => {
		scanner.addFixtureSecrets();
		await h.start({ seedDialogs: 3 });
		dialogId = await h.local.dialogs.create(dialogBody());
	});
	afterEach(() => {
		h.local.faults.clear();
		expect(h.violations()).toEqual([]);
	});
	afterAll(async () => {
		for (const issued of h.local.tokens.issued()) scanner.addToken(issued.token);
		counts.leaks = scanner.findings().length;
		recordCounts(__filename, counts);
		await h.stop();
		expect(scanner.findings()).toEqual([]);
	});

	/** One fault scenario: counted when it starts, counted as survived when every assertion held. */
	function fault(name: string, scenario: () => Promise<void>): void {
		it(name, async () => {
			counts.faults++;
			await scenario();
			counts.survived++;
		});
	}

	const search = async () => {
		const out = await h.run('serviceOwner', {
			resource: 'dialog',
			operation: 'search',
			returnAll: false,
			limit: 1,
		});
		scanner.record(out, 'search output');
		return out;
	};
	const failing = async (run: Promise<unknown>) => {
		const error = await failureOf(run);
		scanner.record(error, 'error');
		return error;
	};
	/** Nothing cached: the next request must ask Maskinporten first. */
	const forgetTokens = () => {
		setTokenService(new TokenService());
		h.runtime.credentialData('serviceOwner').accessToken = '';
	};

	fault(
		'token endpoint 500: a clear error naming Maskinporten, nothing sent to Dialogporten, the next run recovers',
		async () => {
			forgetTokens();
			h.local.faults.set({ kind: '500', pathPrefix: TOKEN_PATH, times: 1 });
			h.local.stats.reset();
			const error = await failing(search());
			expect(error).toBeInstanceOf(NodeApiError);
			expect(`${error.message} ${error.description ?? ''}`).toMatch(
				/Maskinporten answered HTTP 500/,
			);
			expect(h.local.stats.requests('/dialogporten')).toBe(0);
			expect(await search()).toHaveLength(1);
			expect(h.local.stats.requests(TOKEN_PATH)).toBe(2);
			expect(h.local.stats.maskinportenGrants()).toBe(1);
		},
	);

	fault(
		'token endpoint timeout: the token request gives up at its bound with a clear error, the next run recovers',
		async () => {
			forgetTokens();
			getTokenService().requestTimeoutMs = 300;
			h.local.faults.set({ kind: 'hang', pathPrefix: TOKEN_PATH, times: 1 });
			h.local.stats.reset();
			const error = await failing(search());
			expect(error).toBeInstanceOf(NodeApiError);
			expect(`${error.message} ${error.description ?? ''}`).toMatch(
				/Could not reach Maskinporten at http:\/\/127\.0\.0\.1:\d+\/maskinporten\/token \(no answer in time\)/,
			);
			expect(h.local.stats.requests('/dialogporten')).toBe(0);
			expect(await search()).toHaveLength(1);
		},
	);

	fault(
		'Dialogporten 429 with Retry-After: waits as told, then one successful request',
		async () => {
			await search();
			h.local.faults.set({
				kind: '429',
				pathPrefix: SERVICE_OWNER,
				methods: ['GET'],
				times: 1,
				retryAfterSeconds: 1,
			});
			h.local.stats.reset();
			expect(await search()).toHaveLength(1);
			expect(h.local.stats.requests(SERVICE_OWNER)).toBe(2);
			expect(h.local.stats.maskinportenGrants()).toBe(0);
		},
	);

	fault('Dialogporten 503 with an HTTP-date Retry-After: retried once, succeeds', async () => {
		h.local.faults.set({ kind: '503', pathPrefix: SERVICE_OWNER, times: 1, retryAfterSeconds: 1 });
		h.local.stats.reset();
		expect(await search()).toHaveLength(1);
		expect(h.local.stats.requests(SERVICE_OWNER)).toBe(2);
	});

	fault(
		'connection reset mid-response: that item fails with an API error and no partial output, the others run',
		async () => {
			h.local.faults.set({
				kind: 'truncate',
				pathPrefix: `${SERVICE_OWNER}/${dialogId}`,
				times: 1,
			});
			const out = await h.run(
				'serviceOwner',
				{ resource: 'dialog', operation: 'get', dialogId: dialogLocator(dialogId) },
				{ items: [{ json: { n: 0 } }, { json: { n: 1 } }], continueOnFail: true },
			);
			scanner.record(out, 'get output');
			expect(out).toHaveLength(2);
			expect(out[0].json).toEqual({
				error: expect.stringMatching(/\S/),
				...(out[0].json.description ? { description: expect.any(String) } : {}),
				...(out[0].json.httpCode ? { httpCode: expect.any(String) } : {}),
			});
			expect(out[1].json.id).toBe(dialogId);
			expect(out.map((item) => item.pairedItem)).toEqual([{ item: 0 }, { item: 1 }]);

			h.local.faults.set({
				kind: 'truncate',
				pathPrefix: `${SERVICE_OWNER}/${dialogId}`,
				times: 1,
			});
			const error = await failing(
				h.run('serviceOwner', {
					resource: 'dialog',
					operation: 'get',
					dialogId: dialogLocator(dialogId),
				}),
			);
			expect(error).toBeInstanceOf(NodeApiError);
		},
	);

	fault(
		'401 for a token the server calls expired: one renewal, the request sent once more, success',
		async () => {
			await search();
			h.local.faults.set({
				kind: 'expired-token',
				pathPrefix: SERVICE_OWNER,
				methods: ['GET'],
				times: 1,
			});
			h.local.stats.reset();
			expect(await search()).toHaveLength(1);
			expect(h.local.stats.maskinportenGrants()).toBe(1);
			expect(h.local.stats.requests(SERVICE_OWNER)).toBe(2);

			// A server that keeps refusing costs one renewal, not a loop, and a clear 401.
			h.local.faults.set({ kind: 'expired-token', pathPrefix: SERVICE_OWNER, methods: ['GET'] });
			h.local.stats.reset();
			const error = await failing(search());
			expect(error).toBeInstanceOf(NodeApiError);
			expect(error.httpCode).toBe('401');
			expect(h.local.stats.maskinportenGrants()).toBeLessThanOrEqual(1);
			expect(h.local.stats.requests(SERVICE_OWNER)).toBeLessThanOrEqual(3);
		},
	);

	fault(
		'lost response to a create: the run fails, the re-run with the same idempotent key is refused naming it, one dialog',
		async () => {
			const idempotentKey = `reliability-${Date.now()}`;
			const create = async () =>
				await h.run('serviceOwner', {
					resource: 'dialog',
					operation: 'create',
					specifyBody: 'fields',
					party: partyLocator(BAKERY),
					serviceResource: DEMO_RESOURCE,
					title: 'Tapt svar',
					textLanguage: 'nb',
					status: 'InProgress',
					additionalFields: { idempotentKey },
				});
			const before = h.local.dialogs.count();
			h.local.faults.set({
				kind: 'lost-response',
				pathPrefix: SERVICE_OWNER,
				methods: ['POST'],
				times: 1,
			});
			const lost = await failing(create());
			expect(lost).toBeInstanceOf(NodeApiError);
			expect(h.local.dialogs.count()).toBe(before + 1);

			const again = await failing(create());
			expect(again).toBeInstanceOf(NodeApiError);
			expect(again.httpCode).toBe('409');
			expect(again.description).toContain(`Idempotent key: "${idempotentKey}".`);
			expect(h.local.dialogs.count()).toBe(before + 1);
			expect(again).not.toBeInstanceOf(NodeOperationError);
		},
	);
});
