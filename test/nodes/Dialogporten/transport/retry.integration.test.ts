import { NodeApiError } from 'n8n-workflow';

import { NodeHarness, dialogBody, dialogLocator, failureOf } from '../support/harness';

const SEARCH_PATH = '/dialogporten/api/v1/serviceowner/dialogs';

describe('transport: 429/503 retries, gave-up errors and connection failures (via the node)', () => {
	const h = new NodeHarness();
	let dialogId: string;
	beforeAll(async () => {
		await h.start({ seedDialogs: 3 });
		dialogId = await h.local.dialogs.create(dialogBody());
	});
	afterAll(async () => await h.stop());
	afterEach(() => {
		h.local.faults.clear();
		expect(h.violations()).toEqual([]);
	});

	const search = async () =>
		await h.run('serviceOwner', {
			resource: 'dialog',
			operation: 'search',
			returnAll: false,
			limit: 1,
		});

	it('waits as Retry-After says on 429 and succeeds on the third attempt', async () => {
		await search();
		h.local.faults.set({
			kind: '429',
			pathPrefix: SEARCH_PATH,
			methods: ['GET'],
			times: 2,
			retryAfterSeconds: 1,
		});
		h.local.stats.reset();
		const started = Date.now();
		const out = await search();
		expect(out).toHaveLength(1);
		expect(h.local.stats.requests(SEARCH_PATH)).toBe(3);
		expect(Date.now() - started).toBeGreaterThanOrEqual(1900);
	});

	it('retries a 503 whose Retry-After is an HTTP date', async () => {
		h.local.faults.set({ kind: '503', pathPrefix: SEARCH_PATH, times: 1, retryAfterSeconds: 1 });
		h.local.stats.reset();
		const out = await search();
		expect(out).toHaveLength(1);
		expect(h.local.stats.requests(SEARCH_PATH)).toBe(2);
	});

	it('retries a POST too (a 429 means the request was not processed)', async () => {
		h.local.faults.set({
			kind: '429',
			pathPrefix: `${SEARCH_PATH}/${dialogId}/activities`,
			methods: ['POST'],
			times: 1,
			retryAfterSeconds: 0,
		});
		const [item] = await h.run('serviceOwner', {
			resource: 'activity',
			operation: 'create',
			dialogId: dialogLocator(dialogId),
			activityType: 'Information',
			description: 'x',
		});
		expect(item.json.id).toBeDefined();
		expect(
			h.local.dialogs.get(dialogId)!.details.activities.filter((a) => a.type === 'Information'),
		).toHaveLength(1);
	});

	it('gives up after three retries with the last status and Retry-After', async () => {
		h.local.faults.set({ kind: '429', pathPrefix: SEARCH_PATH, times: 10, retryAfterSeconds: 0 });
		h.local.stats.reset();
		const error = await failureOf(search());
		expect(error).toBeInstanceOf(NodeApiError);
		expect(error.httpCode).toBe('429');
		expect(error.message).toBe('Too many requests: Dialogporten is rate limiting');
		expect(error.description).toContain('Gave up after 4 attempts.');
		expect(error.description).toContain('Retry-After: 0');
		expect(h.local.stats.requests(SEARCH_PATH)).toBe(4);
	});

	it('does not wait longer than its bound: a long Retry-After fails at once', async () => {
		h.local.faults.set({ kind: '503', pathPrefix: SEARCH_PATH, times: 1, retryAfterSeconds: 120 });
		h.local.stats.reset();
		const started = Date.now();
		const error = await failureOf(search());
		expect(Date.now() - started).toBeLessThan(5000);
		expect(error.httpCode).toBe('503');
		expect(error.description).toMatch(
			/The server asked to wait 1(19|20) s, longer than the 30 s this node waits\./,
		);
		expect(h.local.stats.requests(SEARCH_PATH)).toBe(1);
	});

	it('lets n8n renew a refused token once (401) and retry the request', async () => {
		await search();
		const token = String(h.runtime.credentialData('serviceOwner').accessToken);
		expect(token).not.toBe('');
		h.local.tokens.revoke(token);
		h.local.stats.reset();
		const out = await search();
		expect(out).toHaveLength(1);
		expect(h.local.stats.maskinportenGrants()).toBe(1);
		expect(h.local.stats.requests(SEARCH_PATH)).toBe(2);
	});

	it('does not retry a 500', async () => {
		h.local.faults.set({ kind: '500', pathPrefix: SEARCH_PATH, times: 1 });
		h.local.stats.reset();
		const error = await failureOf(search());
		expect(error.httpCode).toBe('500');
		expect(h.local.stats.requests(SEARCH_PATH)).toBe(1);
	});

	it('reports a dropped connection as an API error without a token in it', async () => {
		h.local.faults.set({ kind: 'reset', pathPrefix: SEARCH_PATH, times: 1 });
		const error = await failureOf(search());
		expect(error).toBeInstanceOf(NodeApiError);
		const text = JSON.stringify({
			message: error.message,
			description: error.description,
			response: (error as NodeApiError).errorResponse,
			cause: (error as NodeApiError).cause,
		});
		expect(text).not.toMatch(/eyJ[A-Za-z0-9_-]{4,}\./);
	});
});
