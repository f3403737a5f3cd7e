// Concurrency through the node on n8n-core against the stand-in: the default processes one item at
// a time in input order; more lanes keep every result with its item and the output in input order,
// continue-on-fail included; a 429 with Retry-After holds back every lane, not only the one told.
import type { RequestEvent } from '../../../../altinn-local';
import { NodeHarness, dialogBody, failureOf } from '../support/harness';

const SERVICE_OWNER = '/dialogporten/api/v1/serviceowner/dialogs';
const MISSING = '0194f0b2-1111-7222-8333-944455556666';

describe('Concurrency (per-item operations)', () => {
	const h = new NodeHarness();
	let ids: string[];
	let events: RequestEvent[] = [];
	let stopListening: () => void;

	beforeAll(async () => {
		await h.start({ seedDialogs: 0 });
		ids = [];
		for (let n = 0; n < 20; n++)
			ids.push(await h.local.dialogs.create(dialogBody({ externalReference: `item-${n}` })));
		stopListening = h.local.onRequest((event) => {
			if (event.path.startsWith(`${SERVICE_OWNER}/`)) events.push(event);
		});
		// A token first, so that every counted request is a dialog get.
		await h.run('serviceOwner', { resource: 'dialog', operation: 'search', limit: 1 });
	});
	beforeEach(() => {
		events = [];
		h.local.faults.clear();
	});
	afterAll(async () => {
		stopListening();
		await h.stop();
	});

	/** The most requests the stand-in had in flight at once. */
	const peakInFlight = () => {
		let inFlight = 0;
		let peak = 0;
		for (const event of [...events].sort((a, b) => a.at - b.at)) {
			inFlight += event.phase === 'start' ? 1 : -1;
			peak = Math.max(peak, inFlight);
		}
		return peak;
	};
	const getEach = async (dialogIds: string[], concurrency?: number, continueOnFail = false) =>
		await h.run(
			'serviceOwner',
			{
				resource: 'dialog',
				operation: 'get',
				dialogId: '={{ { __rl: true, mode: "id", value: $json.id } }}',
				...(concurrency === undefined ? {} : { concurrency }),
			},
			{ items: dialogIds.map((id) => ({ json: { id } })), continueOnFail },
		);

	it('by default gets one item after the other, in input order', async () => {
		h.local.faults.set({ kind: 'latency', pathPrefix: `${SERVICE_OWNER}/`, latencyMs: 20 });
		const out = await getEach(ids);
		expect(out.map((item) => item.json.id)).toEqual(ids);
		expect(out.map((item) => item.pairedItem)).toEqual(ids.map((_, item) => ({ item })));
		expect(peakInFlight()).toBe(1);
		const arrivalOrder = events
			.filter((event) => event.phase === 'start')
			.map((event) => event.path.split('/').pop());
		expect(arrivalOrder).toEqual(ids);
	});

	it('with Concurrency 4 has four requests in flight and keeps results with their items, in order', async () => {
		// Long enough that the first answer cannot come back before the fourth lane has sent, even on
		// a busy machine.
		h.local.faults.set({ kind: 'latency', pathPrefix: `${SERVICE_OWNER}/`, latencyMs: 200 });
		const out = await getEach(ids, 4);
		expect(out.map((item) => item.json.id)).toEqual(ids);
		expect(out.map((item) => item.json.externalReference)).toEqual(ids.map((_, n) => `item-${n}`));
		expect(out.map((item) => item.pairedItem)).toEqual(ids.map((_, item) => ({ item })));
		expect(peakInFlight()).toBe(4);
		expect(h.violations()).toEqual([]);
	});

	it('with Continue On Fail, a failed item keeps its place and the others their results', async () => {
		const mixed = [ids[0], MISSING, ids[1], 'not-a-uuid', ids[2], ids[3]];
		const out = await getEach(mixed, 3, true);
		expect(out).toHaveLength(mixed.length);
		expect(out.map((item) => item.pairedItem)).toEqual(mixed.map((_, item) => ({ item })));
		expect(out[0].json.id).toBe(ids[0]);
		expect(out[1].json.httpCode).toBe('404');
		expect(out[2].json.id).toBe(ids[1]);
		expect(out[3].json.error).toBe('Dialog ID "not-a-uuid" is not a valid UUID');
		expect(out.slice(4).map((item) => item.json.id)).toEqual([ids[2], ids[3]]);
	});

	it('without Continue On Fail, fails with the first failing item, as one lane would', async () => {
		const error = await failureOf(getEach([ids[0], ids[1], 'bad', MISSING, ids[2]], 4));
		expect(error.message).toBe('Dialog ID "bad" is not a valid UUID');
		expect(error.context?.itemIndex).toBe(2);
	});

	it('refuses a Concurrency outside 1 to 16 before any request', async () => {
		for (const concurrency of [0, 17, 2.5]) {
			const error = await failureOf(getEach(ids.slice(0, 2), concurrency));
			expect(error.message).toBe('Concurrency must be a whole number from 1 to 16');
		}
		expect(events).toEqual([]);
	});

	it('a 429 with Retry-After holds back every lane until the wait is over', async () => {
		h.local.faults.set([
			{ kind: 'latency', pathPrefix: `${SERVICE_OWNER}/`, latencyMs: 30 },
			{ kind: '429', pathPrefix: `${SERVICE_OWNER}/${ids[5]}`, times: 1, retryAfterSeconds: 1 },
		]);
		const out = await getEach(ids, 4);
		expect(out.map((item) => item.json.id)).toEqual(ids);
		const limited = events.find((event) => event.phase === 'end' && event.status === 429)!;
		expect(limited).toBeDefined();
		// Requests in flight when the 429 came finish, and each of the other three lanes may send at
		// most the one request it was already preparing; after that no lane starts a request until
		// Retry-After (1 s) has passed. Without the shared wait, the three lanes would get through the
		// remaining items (about a dozen) within this window.
		const startedDuringWait = events.filter(
			(event) => event.phase === 'start' && event.at > limited.at && event.at < limited.at + 900,
		);
		expect(startedDuringWait.length).toBeLessThanOrEqual(3);
		expect(events.filter((event) => event.phase === 'start')).toHaveLength(ids.length + 1);
	});
});
