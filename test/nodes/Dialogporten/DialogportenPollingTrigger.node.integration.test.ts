import type { IDataObject, INodeExecutionData, INodeParameters } from 'n8n-workflow';
import { fixtures } from '../../../altinn-local';
import { Dialogporten } from '../../../nodes/Dialogporten/Dialogporten.node';
import { DialogportenPollingTrigger } from '../../../nodes/Dialogporten/DialogportenPollingTrigger.node';
import { maskinportenCredential } from '../../support/credentials';
import { BAKERY, DEMO_RESOURCE, EventsHarness, dialogBody } from './triggers/support/eventsHarness';

const nodeType = new DialogportenPollingTrigger();
const EVENTS: INodeParameters = {
	source: 'events',
	serviceResource: DEMO_RESOURCE,
	party: '',
	eventTypes: ['*'],
	options: {},
};
const SEARCH: INodeParameters = {
	source: 'dialogSearch',
	serviceResource: DEMO_RESOURCE,
	party: '',
	options: {},
};
const INFORMATION = 'dialogporten.dialog.activity.information.v1';
const FISHERY = `urn:altinn:organization:identifier-no:${fixtures.organizations.fishery.orgNumber}`;

/** The stand-in shows an event in the polling API 30 s (scaled to 30 ms) after it was published. */
const visible = () => new Promise((resolve) => setTimeout(resolve, 80));
const ids = (output: INodeExecutionData[][] | null) =>
	output ? output[0].map((item) => item.json.id as string) : [];

describe('Dialogporten Polling Trigger, source Altinn Events', () => {
	const h = new EventsHarness(nodeType);
	beforeAll(async () => await h.start());
	afterAll(async () => await h.stop());
	beforeEach(() => h.reset());

	const publishedForDemo = () =>
		h.local.events.published().filter((e) => e.resource === DEMO_RESOURCE);

	it('skips the history on the first poll, then emits each new event exactly once across polls', async () => {
		await h.local.dialogs.create(dialogBody());
		await visible();
		const history = publishedForDemo().length;
		expect(history).toBeGreaterThan(0);

		expect(await h.poll(EVENTS)).toBeNull();
		expect(h.nodeStaticData().after).toBe(publishedForDemo()[history - 1].id);
		expect(h.nodeStaticData().skipBefore).toBeUndefined();

		const emitted: string[] = [];
		for (let round = 0; round < 3; round++) {
			const dialogId = await h.local.dialogs.create(dialogBody());
			await h.local.dialogs.addActivity(dialogId, 'Information');
			await visible();
			const output = await h.poll(EVENTS);
			expect(output).not.toBeNull();
			emitted.push(...ids(output));
			expect(await h.poll(EVENTS)).toBeNull();
		}
		const expected = publishedForDemo()
			.slice(history)
			.map((e) => e.id);
		expect(emitted).toEqual(expected);
		expect(new Set(emitted).size).toBe(emitted.length);
	});

	describe('a workflow that reads the dialogs it is triggered by', () => {
		const reader = new Dialogporten();
		/** The workflow: Get each dialog as the bakery's system user (which marks it seen). */
		const readAll = async (output: INodeExecutionData[][]) => {
			for (const item of output[0]) {
				await h.runtime.execute(reader, {
					parameters: {
						authentication: 'maskinportenApi',
						resource: 'dialog',
						operation: 'get',
						dialogId: { __rl: true, mode: 'id', value: String(item.json.dialogId) },
					},
					credentials: { maskinportenApi: 'reader' },
					typeVersion: 2,
				});
			}
		};
		/** Polls as n8n does, running the workflow for each poll that emits; returns the run count. */
		const runsFor = async (typeVersion: number, parameters: INodeParameters) => {
			h.runtime.addCredential(
				'maskinportenApi',
				maskinportenCredential(h.local, 'systemUser'),
				'reader',
			);
			expect(await h.poll(parameters, 'trigger', typeVersion)).toBeNull();
			await h.local.dialogs.create(dialogBody());
			let runs = 0;
			for (let poll = 0; poll < 4; poll++) {
				await visible();
				const output = await h.poll(parameters, 'trigger', typeVersion);
				if (!output) continue;
				runs++;
				await readAll(output);
			}
			return runs;
		};
		const withDefaults: INodeParameters = { ...EVENTS };
		delete withDefaults.eventTypes;

		it('runs once per new dialog with the version 2 defaults', async () => {
			expect(await runsFor(2, withDefaults)).toBe(1);
			const seen = h.local.events
				.published()
				.filter((e) => e.type === 'dialogporten.dialog.seen.v1' && e.resource === DEMO_RESOURCE);
			expect(seen.length).toBeGreaterThan(0);
		});

		it('would start itself again on its own reads with every event type (version 1 default)', async () => {
			expect(await runsFor(1, EVENTS)).toBeGreaterThan(1);
		});
	});

	it('emits the events in the shape of the webhook trigger', async () => {
		expect(await h.poll(EVENTS)).toBeNull();
		const dialogId = await h.local.dialogs.create(dialogBody());
		const activityId = await h.local.dialogs.addActivity(dialogId, 'Information');
		await visible();
		const output = await h.poll(EVENTS);
		const information = output![0].find((item) => item.json.type === INFORMATION)!.json;
		expect(information).toMatchObject({
			specversion: '1.0',
			dialogId,
			party: BAKERY,
			serviceResource: DEMO_RESOURCE,
			activityId,
			resourceinstance: dialogId,
		});
	});

	it('with "Emit History", the first poll emits what is already there', async () => {
		await h.local.dialogs.create(dialogBody());
		await visible();
		const output = await h.poll({ ...EVENTS, options: { onFirstPoll: 'replayHistory' } });
		expect(ids(output)).toEqual(publishedForDemo().map((e) => e.id));
		expect(await h.poll({ ...EVENTS, options: { onFirstPoll: 'replayHistory' } })).toBeNull();
	});

	it('pages until caught up when more than one page is waiting', async () => {
		expect(await h.poll(EVENTS)).toBeNull();
		const dialogId = await h.local.dialogs.create(dialogBody());
		const before = publishedForDemo().length;
		// 520 activities publish 1040 events (dialog.updated + the activity each): two pages.
		for (let i = 0; i < 520; i++) await h.local.dialogs.addActivity(dialogId, 'Information');
		await visible();
		const requestsBefore = h.eventsRequests();
		const output = await h.poll(EVENTS);
		const expected = publishedForDemo()
			.slice(before - 1)
			.map((e) => e.id);
		expect(ids(output)).toEqual(expected);
		expect(expected.length).toBeGreaterThan(1000);
		// Two full-or-partial pages and the empty page that proves the end.
		expect(h.eventsRequests() - requestsBefore).toBe(3);
		expect(await h.poll(EVENTS)).toBeNull();
	}, 60_000);

	it('asks Altinn only for the selected types and the party', async () => {
		const parameters = {
			...EVENTS,
			party: fixtures.organizations.bakery.orgNumber,
			eventTypes: [INFORMATION],
		};
		expect(await h.poll(parameters)).toBeNull();
		const bakeryDialog = await h.local.dialogs.create(dialogBody());
		const fisheryDialog = await h.local.dialogs.create(dialogBody({ party: FISHERY }));
		await h.local.dialogs.addActivity(bakeryDialog, 'Information');
		await h.local.dialogs.addActivity(fisheryDialog, 'Information');
		await visible();
		const output = await h.poll(parameters);
		expect(output![0].map((item) => [item.json.type, item.json.dialogId])).toEqual([
			[INFORMATION, bakeryDialog],
		]);
	});

	it('a manual run shows the newest event and leaves the cursor alone', async () => {
		expect(await h.poll(EVENTS)).toBeNull();
		const cursor = h.nodeStaticData().after;
		const dialogId = await h.local.dialogs.create(dialogBody());
		await h.local.dialogs.addActivity(dialogId, 'Information');
		await visible();
		const output = await h.poll(EVENTS, 'manual');
		const newest = publishedForDemo().at(-1)!;
		expect(ids(output)).toEqual([newest.id]);
		expect(h.nodeStaticData().after).toBe(cursor);
		// The real poll still emits every event since the cursor.
		const since = publishedForDemo()
			.filter((e) => e.resourceinstance === dialogId)
			.map((e) => e.id);
		expect(since.length).toBeGreaterThanOrEqual(3);
		expect(ids(await h.poll(EVENTS))).toEqual(since);
	});

	it('refuses to poll Events without the Altinn token exchange, before any request', async () => {
		h.reset({ exchangeToAltinn: false });
		const before = h.local.stats.requests();
		await expect(h.poll(EVENTS)).rejects.toThrow('Exchange to Altinn Token');
		expect(h.local.stats.requests()).toBe(before);
	});
});

describe('Dialogporten Polling Trigger, source Dialog Search', () => {
	const h = new EventsHarness(nodeType);
	beforeAll(async () => await h.start());
	afterAll(async () => await h.stop());
	beforeEach(() => h.reset());

	const emittedDialogs = (output: INodeExecutionData[][] | null) =>
		output
			? output[0].map((item) => [item.json.dialogId as string, item.json.updatedAt as string])
			: [];

	it('starts at the newest change, then emits each changed dialog once per change', async () => {
		const existing = await h.local.dialogs.create(dialogBody());
		expect(await h.poll(SEARCH)).toBeNull();
		expect(h.nodeStaticData().updatedAfter).toBe(
			new Date(h.local.dialogs.get(existing)!.updatedAt).toISOString(),
		);

		expect(await h.poll(SEARCH)).toBeNull();
		const created = await h.local.dialogs.create(dialogBody());
		await h.local.dialogs.patch(existing, [{ op: 'replace', path: '/status', value: 'Completed' }]);
		const first = await h.poll(SEARCH);
		expect(emittedDialogs(first).map(([id]) => id)).toEqual([created, existing]);
		expect(await h.poll(SEARCH)).toBeNull();

		await new Promise((resolve) => setTimeout(resolve, 5));
		await h.local.dialogs.patch(created, [
			{ op: 'replace', path: '/status', value: 'RequiresAttention' },
		]);
		const second = await h.poll(SEARCH);
		expect(emittedDialogs(second).map(([id]) => id)).toEqual([created]);
		expect((second![0][0].json as IDataObject).status).toBe('RequiresAttention');
		expect(await h.poll(SEARCH)).toBeNull();
	});

	it('only reports the party asked for', async () => {
		const parameters = { ...SEARCH, party: FISHERY };
		expect(await h.poll(parameters)).toBeNull();
		await h.local.dialogs.create(dialogBody());
		const fishery = await h.local.dialogs.create(dialogBody({ party: FISHERY }));
		expect(emittedDialogs(await h.poll(parameters)).map(([id]) => id)).toEqual([fishery]);
	});

	it('a manual run shows the most recently changed dialog without storing a cursor', async () => {
		const latest = await h.local.dialogs.create(dialogBody());
		const output = await h.poll(SEARCH, 'manual');
		expect(output![0].map((item) => item.json.id)).toEqual([latest]);
		expect(h.nodeStaticData().updatedAfter).toBeUndefined();
	});

	it('with "Emit History", the first poll emits every matching dialog', async () => {
		const output = await h.poll({ ...SEARCH, options: { onFirstPoll: 'replayHistory' } });
		const expected = h.local.dialogs.count();
		expect(output![0].length).toBeGreaterThan(0);
		expect(output![0].every((item) => item.json.serviceResource === DEMO_RESOURCE)).toBe(true);
		expect(output![0].length).toBeLessThanOrEqual(expected);
		expect(await h.poll({ ...SEARCH, options: { onFirstPoll: 'replayHistory' } })).toBeNull();
	});
});
