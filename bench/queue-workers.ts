// n8n queue mode with one worker, then two: the same batch of executions (one Dialogporten request
// per item, each answered 50 ms late by the stand-in) through two webhook processors, on Postgres
// and Redis started for the run (test/e2e/harness/queue.ts). Prints the times and their ratio;
// asserts nothing. Needs postgresql and redis-server installed, and builds the package first.
// Run: npx tsx bench/queue-workers.ts   (BENCH_QUEUE_EXECUTIONS, BENCH_QUEUE_ITEMS, BENCH_QUEUE_LATENCY_MS)
import { startAltinnLocal } from '../altinn-local';
import { buildPackage, ensureN8nHost, packPackage, QueueCluster } from '../test/e2e/harness';
import { maskinportenCredential } from '../test/support/credentials';
import { measureWorkerScaling, searchPerItemWorkflow } from '../test/e2e/support/queue-throughput';

const CONCURRENCY = 5;
const EXECUTIONS = Number(process.env.BENCH_QUEUE_EXECUTIONS ?? 4 * CONCURRENCY);
const ITEMS = Number(process.env.BENCH_QUEUE_ITEMS ?? 20);
const LATENCY_MS = Number(process.env.BENCH_QUEUE_LATENCY_MS ?? 50);
const CREDENTIAL = { id: 'benchQueueCred01', name: 'Maskinporten service owner (bench)' };

const log = (line: string) => process.stderr.write(`${line}\n`);

async function main(): Promise<void> {
	const local = await startAltinnLocal({ port: 0, seedDialogs: 3, validateSpec: false });
	let cluster: QueueCluster | undefined;
	try {
		await buildPackage();
		const host = await ensureN8nHost(log);
		cluster = await QueueCluster.create({
			host,
			packed: await packPackage(),
			log,
			workers: 2,
			webhookProcessors: 2,
			workerConcurrency: CONCURRENCY,
		});
		const workflow = searchPerItemWorkflow('benchQueueFlow01', 'bench-queue', CREDENTIAL);
		await cluster.main.importCredentials([
			{
				...CREDENTIAL,
				type: 'maskinportenApi',
				data: maskinportenCredential(local, 'serviceOwner'),
			},
		]);
		await cluster.main.importWorkflows(workflow);
		await cluster.main.publishWorkflow(workflow.id);
		await cluster.start({ workers: 1 });
		await Promise.all(cluster.webhookProcessors.map((w) => w.waitForWebhook('bench-queue')));
		const scaling = await measureWorkerScaling(cluster, local, {
			pathName: 'bench-queue',
			executions: EXECUTIONS,
			items: ITEMS,
			latencyMs: LATENCY_MS,
		});
		console.log(
			`queue mode, ${EXECUTIONS} executions × ${ITEMS} requests (${LATENCY_MS} ms latency each), ` +
				`worker concurrency ${CONCURRENCY}: 1 worker ${(scaling.oneWorkerMs / 1000).toFixed(2)} s, ` +
				`2 workers ${(scaling.twoWorkersMs / 1000).toFixed(2)} s, ratio ${scaling.ratio.toFixed(2)} ` +
				`(${local.stats.maskinportenGrants()} Maskinporten grant(s))`,
		);
	} finally {
		await cluster?.stop();
		await local.stop();
	}
}

main().catch((error) => {
	console.error(error);
	process.exitCode = 1;
});
