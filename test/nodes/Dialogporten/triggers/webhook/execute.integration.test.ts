import { randomUUID } from 'node:crypto';
import type { INodeExecutionData, INodeParameters, WorkflowExecuteMode } from 'n8n-workflow';
import { DialogportenTrigger } from '../../../../../nodes/Dialogporten/DialogportenTrigger.node';
import { SHARED_MAX_EVENT_IDS } from '../../../../../nodes/Dialogporten/triggers/webhook/execute';
import { N8nRuntime, deduplicationStore } from '../../../../support/n8n-runtime';

const nodeType = new DialogportenTrigger();

const parameters = (options: INodeParameters = {}): INodeParameters => ({
	serviceResource: 'urn:altinn:resource:super-simple-service',
	party: '',
	eventTypes: ['*'],
	includeSubunits: false,
	options,
});

const event = (id = randomUUID()): INodeExecutionData => ({
	json: { specversion: '1.0', id, type: 'dialogporten.dialog.created.v1' },
});

// Two runtimes on one store: two n8n processes (a webhook processor each, or a worker each) on one
// database. The in-process memory of webhook() plays no part here.
let workflowId: string;
let processA: N8nRuntime;
let processB: N8nRuntime;

beforeEach(() => {
	workflowId = `workflow-${randomUUID()}`;
	processA = new N8nRuntime({ credentials: [], workflowId });
	processB = new N8nRuntime({ credentials: [], workflowId });
});

async function run(
	runtime: N8nRuntime,
	items: INodeExecutionData[],
	mode: WorkflowExecuteMode = 'webhook',
	options: INodeParameters = {},
): Promise<string[]> {
	const [output] = await runtime.execute(nodeType, {
		parameters: parameters(options),
		items,
		mode,
	});
	return output.map((item) => String(item.json.id));
}

describe('Dialogporten Trigger in the execution (execute)', () => {
	it('passes an event the first time and drops it when it comes again, in any process', async () => {
		const first = event();
		expect(await run(processA, [first])).toEqual([first.json.id]);
		expect(await run(processB, [first])).toEqual([]);
		expect(await run(processA, [first])).toEqual([]);
	});

	it('keeps new events of a batch and drops only the repeated ones', async () => {
		const [a, b, c] = [event(), event(), event()];
		await run(processA, [a]);
		expect(await run(processB, [a, b, c])).toEqual([b.json.id, c.json.id]);
	});

	it('lets a manual test event and a retry of a failed execution through', async () => {
		const first = event();
		await run(processA, [first]);
		expect(await run(processB, [first], 'manual')).toEqual([first.json.id]);
		expect(await run(processB, [first], 'retry')).toEqual([first.json.id]);
		// They do not count as deliveries: a repeated delivery is still dropped.
		expect(await run(processB, [first])).toEqual([]);
	});

	it('passes everything when repeated events are not ignored (0 hours)', async () => {
		const first = event();
		const off = { dedupeWindowHours: 0 };
		expect(await run(processA, [first], 'webhook', off)).toEqual([first.json.id]);
		expect(await run(processB, [first], 'webhook', off)).toEqual([first.json.id]);
	});

	it('passes items without an event id untouched', async () => {
		const odd: INodeExecutionData = { json: { note: 'not a CloudEvent' } };
		const [output] = await processA.execute(nodeType, {
			parameters: parameters(),
			items: [odd, odd],
			mode: 'webhook',
		});
		expect(output).toHaveLength(2);
	});

	describe("when n8n's store refuses a write that raced another process", () => {
		// What n8n 2.41 on Postgres threw in queue mode when two workers recorded a trigger's first
		// events at the same instant.
		const raced = () =>
			new Error('duplicate key value violates unique constraint "PK_ca04b9d8dc72de268fe07a65773"');
		afterEach(() => deduplicationStore.refuseNext.splice(0));

		it('tries again: the event passes once and its repeat is dropped', async () => {
			const first = event();
			deduplicationStore.refuseNext.push(raced());
			expect(await run(processA, [first])).toEqual([first.json.id]);
			expect(await run(processB, [first])).toEqual([]);
		});

		it('lets the events pass rather than fail the execution when the store keeps refusing', async () => {
			const first = event();
			deduplicationStore.refuseNext.push(raced(), raced(), raced());
			expect(await run(processA, [first])).toEqual([first.json.id]);
		});
	});

	it("records the ids in the trigger node's own store, bounded by SHARED_MAX_EVENT_IDS", async () => {
		const ids = Array.from({ length: 3 }, () => randomUUID());
		for (const id of ids) await run(processA, [event(id)]);
		const stored = [...deduplicationStore.entries.entries()].filter(([key]) =>
			key.startsWith(`${workflowId}\u0000n:`),
		);
		expect(stored).toHaveLength(1);
		expect(stored[0][1]).toEqual(ids);
		expect(SHARED_MAX_EVENT_IDS).toBeGreaterThanOrEqual(1000);
	});
});
