// Throughput of the Dialogporten node on n8n's execution engine against the local Altinn stand-in:
// Dialog → Search with Return All over every seeded dialog, and many executions × many items with
// one Maskinporten credential (how many grants they cost). Prints figures; asserts nothing.
// Run: npx tsx bench/node-throughput.ts   (BENCH_DIALOGS, BENCH_EXECUTIONS, BENCH_ITEMS override)
import { startAltinnLocal } from '../altinn-local';
import { MaskinportenApi } from '../credentials/MaskinportenApi.credentials';
import { IdPortenOAuth2Api } from '../credentials/IdPortenOAuth2Api.credentials';
import { Dialogporten } from '../nodes/Dialogporten/Dialogporten.node.js';
import { maskinportenCredential } from '../test/support/credentials';
import { N8nRuntime } from '../test/support/n8n-runtime';
import { TokenService, setTokenService } from '../nodes/Dialogporten/auth';

const DIALOGS = Number(process.env.BENCH_DIALOGS ?? 20_000);
const EXECUTIONS = Number(process.env.BENCH_EXECUTIONS ?? 20);
const ITEMS = Number(process.env.BENCH_ITEMS ?? 50);

async function main(): Promise<void> {
	const local = await startAltinnLocal({ port: 0, seedDialogs: DIALOGS, validateSpec: false });
	const node = new Dialogporten();
	const runtime = new N8nRuntime({ credentials: [MaskinportenApi, IdPortenOAuth2Api] });
	const serviceOwner = runtime.addCredential(
		'maskinportenApi',
		maskinportenCredential(local, 'serviceOwner'),
		'so',
	);
	const systemUser = runtime.addCredential(
		'maskinportenApi',
		maskinportenCredential(local, 'systemUser'),
		'su',
	);

	try {
		for (const pageSize of [100, 1000]) {
			const requestsBefore = local.stats.requests('/dialogporten');
			const started = performance.now();
			const [items] = await runtime.execute(node, {
				parameters: {
					api: 'serviceowner',
					authentication: 'maskinportenApi',
					resource: 'dialog',
					operation: 'search',
					returnAll: true,
					returnAllCap: DIALOGS,
					simplify: false,
					options: { pageSize },
				},
				credentials: { maskinportenApi: serviceOwner },
			});
			const seconds = (performance.now() - started) / 1000;
			const pages = local.stats.requests('/dialogporten') - requestsBefore;
			console.log(
				`search, Return All, page size ${String(pageSize).padStart(4)}: ${items.length} dialogs in ${pages} pages, ` +
					`${seconds.toFixed(2)} s (${Math.round(items.length / seconds)} dialogs/s)`,
			);
		}

		const grantsBefore = local.stats.maskinportenGrants();
		const samples: number[] = [];
		for (let execution = 0; execution < EXECUTIONS; execution++) {
			const started = performance.now();
			const [items] = await runtime.execute(node, {
				parameters: {
					api: 'enduser',
					authentication: 'maskinportenApi',
					resource: 'party',
					operation: 'getMany',
				},
				credentials: { maskinportenApi: systemUser },
				items: Array.from({ length: ITEMS }, (_, n) => ({ json: { n } })),
			});
			samples.push((performance.now() - started) / ITEMS);
			if (items.length === 0) throw new Error('no parties returned');
		}
		const grants = local.stats.maskinportenGrants() - grantsBefore;
		const sorted = [...samples].sort((a, b) => a - b);
		console.log(
			`${EXECUTIONS} executions × ${ITEMS} items (parties, system user): ${grants} Maskinporten grant(s) for ` +
				`${EXECUTIONS * ITEMS} authenticated requests; median ${sorted[Math.floor(sorted.length / 2)].toFixed(2)} ms per item`,
		);

		// The same single-item run with nothing cached: every run signs a grant and asks Maskinporten.
		const uncached: number[] = [];
		for (let n = 0; n < 20; n++) {
			setTokenService(new TokenService());
			runtime.credentialData(systemUser).accessToken = '';
			const started = performance.now();
			await runtime.execute(node, {
				parameters: {
					api: 'enduser',
					authentication: 'maskinportenApi',
					resource: 'party',
					operation: 'getMany',
				},
				credentials: { maskinportenApi: systemUser },
			});
			uncached.push(performance.now() - started);
		}
		uncached.sort((a, b) => a - b);
		console.log(
			`one item with no cached token (grant + request): median ${uncached[10].toFixed(2)} ms`,
		);
	} finally {
		await local.stop();
	}
}

main().catch((error) => {
	console.error(error);
	process.exit(1);
});
