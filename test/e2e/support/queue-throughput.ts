/**
 * Throughput of n8n's queue mode with this package: the same batch of executions, each sending one
 * Dialogporten request per item to a stand-in that answers every request `latencyMs` late, run
 * with one worker and then with two. Used by test/e2e/queue-mode.e2e.test.ts and by
 * bench/queue-workers.ts (`npm run bench`).
 */
import type { AltinnLocal } from '../../../altinn-local';
import type { QueueCluster, WorkflowFile } from '../harness';

/** Webhook (answers with the last node's items) → one item per `body.items` entry → one search each. */
export function searchPerItemWorkflow(
	id: string,
	pathName: string,
	credential: { id: string; name: string },
): WorkflowFile {
	return {
		id,
		name: `Queue mode: ${pathName}`,
		nodes: [
			{
				id: `${id}-hook`,
				name: 'Webhook',
				type: 'n8n-nodes-base.webhook',
				typeVersion: 2,
				position: [0, 0],
				webhookId: `${id}-${pathName}`,
				parameters: {
					httpMethod: 'POST',
					path: pathName,
					responseMode: 'lastNode',
					responseData: 'allEntries',
					options: {},
				},
			},
			{
				id: `${id}-split`,
				name: 'Items',
				type: 'n8n-nodes-base.splitOut',
				typeVersion: 1,
				position: [240, 0],
				parameters: { fieldToSplitOut: 'body.items', include: 'noOtherFields', options: {} },
			},
			{
				id: `${id}-search`,
				name: 'Search',
				type: 'n8n-nodes-dialogporten.dialogporten',
				typeVersion: 1,
				position: [480, 0],
				parameters: {
					authentication: 'maskinportenApi',
					api: 'serviceowner',
					resource: 'dialog',
					operation: 'search',
					returnAll: false,
					limit: 1,
					filters: {},
				},
				credentials: { maskinportenApi: credential },
			},
		],
		connections: {
			Webhook: { main: [[{ node: 'Items', type: 'main', index: 0 }]] },
			Items: { main: [[{ node: 'Search', type: 'main', index: 0 }]] },
		},
		settings: { executionOrder: 'v1' },
		active: false,
	};
}

/** One execution through the webhook processors' balancer; resolves with the items it output. */
export async function runSearchExecution(
	cluster: QueueCluster,
	pathName: string,
	items: number,
): Promise<unknown[]> {
	const response = await fetch(`${cluster.balancer.baseUrl}/webhook/${pathName}`, {
		method: 'POST',
		headers: { 'content-type': 'application/json' },
		body: JSON.stringify({ items: Array.from({ length: items }, (_, i) => ({ i })) }),
	});
	const text = await response.text();
	const body: unknown = text ? JSON.parse(text) : undefined;
	if (response.status !== 200 || !Array.isArray(body))
		throw new Error(`${pathName} answered ${response.status}: ${text.slice(0, 300)}`);
	if (body.length !== items)
		throw new Error(`${pathName} output ${body.length} items instead of ${items}`);
	return body;
}

export interface WorkerScaling {
	executions: number;
	items: number;
	latencyMs: number;
	oneWorkerMs: number;
	twoWorkersMs: number;
	/** oneWorkerMs / twoWorkersMs */
	ratio: number;
}

/**
 * Runs the batch with the first worker only, starts the second, and runs it again. Expects the
 * cluster started with one worker (`cluster.start({ workers: 1 })`); leaves both running. Each run
 * is preceded by an untimed warm-up on the workers it uses (first grant, node types' first load).
 */
export async function measureWorkerScaling(
	cluster: QueueCluster,
	local: AltinnLocal,
	options: { pathName: string; executions: number; items: number; latencyMs: number },
): Promise<WorkerScaling> {
	const { pathName, executions, items, latencyMs } = options;
	const batch = async (count: number) =>
		await Promise.all(
			Array.from({ length: count }, () => runSearchExecution(cluster, pathName, items)),
		);
	const timedBatch = async () => {
		local.faults.set({ kind: 'latency', pathPrefix: '/dialogporten/', latencyMs });
		try {
			const started = performance.now();
			await batch(executions);
			return performance.now() - started;
		} finally {
			local.faults.clear();
		}
	};
	if (cluster.workers.filter((w) => w.running).length !== 1)
		throw new Error('measureWorkerScaling expects exactly one running worker to start with');
	await batch(cluster.workers.length * 4);
	const oneWorkerMs = await timedBatch();
	await cluster.start();
	await batch(cluster.workers.length * 8);
	const twoWorkersMs = await timedBatch();
	return {
		executions,
		items,
		latencyMs,
		oneWorkerMs: Math.round(oneWorkerMs),
		twoWorkersMs: Math.round(twoWorkersMs),
		ratio: oneWorkerMs / twoWorkersMs,
	};
}
