// Per-item cost of the Dialogporten node: 1 000 dialog gets in one execution (one item each, the
// dialog ID from the item) against a bare fetch loop over the same URLs with the same token, and
// against the least any n8n node spends on the same gets (n8n-request-floor.ts: an expression per
// item and n8n's request helper), side by side in one process, against the stand-in on loopback.
// Prints figures; asserts nothing.
// Run: npx tsx bench/per-item.ts   (BENCH_GETS, BENCH_ROUNDS override)
import { fixtures, startAltinnLocal, type AltinnLocal } from '../altinn-local';
import { IdPortenOAuth2Api } from '../credentials/IdPortenOAuth2Api.credentials';
import { MaskinportenApi } from '../credentials/MaskinportenApi.credentials';
import { Dialogporten } from '../nodes/Dialogporten/Dialogporten.node.js';
import { SERVICE_OWNER_SCOPES, maskinportenCredential } from '../test/support/credentials';
import { N8nRuntime } from '../test/support/n8n-runtime';
import { N8nRequestFloor } from './n8n-request-floor';

const GETS = Number(process.env.BENCH_GETS ?? 1000);
const ROUNDS = Number(process.env.BENCH_ROUNDS ?? 3);

export interface PerItemFigures {
	gets: number;
	fetchSeconds: number;
	/** n8n's own floor for the same gets, concurrency 1. */
	floorSeconds: number;
	nodeSeconds: Record<number, number>;
}

/** A service-owner token straight from the stand-in's Maskinporten, for the bare fetch loops. */
export async function bareToken(local: AltinnLocal): Promise<string> {
	const issued = await local.tokens.maskinporten(fixtures.serviceOwnerClient, {
		scope: SERVICE_OWNER_SCOPES,
	});
	return issued.access_token;
}

export async function measurePerItem(
	local: AltinnLocal,
	concurrencies: number[] = [1],
	gets = GETS,
	rounds = ROUNDS,
): Promise<PerItemFigures> {
	const node = new Dialogporten();
	const runtime = new N8nRuntime({ credentials: [MaskinportenApi, IdPortenOAuth2Api] });
	const credential = runtime.addCredential(
		'maskinportenApi',
		maskinportenCredential(local, 'serviceOwner'),
		'so',
	);
	const search = await runtime.execute(node, {
		parameters: {
			api: 'serviceowner',
			authentication: 'maskinportenApi',
			resource: 'dialog',
			operation: 'search',
			returnAll: false,
			limit: gets,
			simplify: false,
		},
		credentials: { maskinportenApi: credential },
	});
	const ids = search[0].map((item) => String(item.json.id));
	if (ids.length < gets) throw new Error(`only ${ids.length} dialogs seeded, ${gets} needed`);
	const token = await bareToken(local);
	const urls = ids.map((id) => `${local.urls.dialogporten}/api/v1/serviceowner/dialogs/${id}`);

	const bareFetch = async () => {
		const headers = { authorization: `Bearer ${token}`, accept: 'application/json' };
		for (const url of urls) {
			const response = await fetch(url, {
				headers,
			});
			if (response.status !== 200) throw new Error(`HTTP ${response.status}`);
			await response.json();
		}
	};
	const viaNode = async (concurrency: number) => {
		const [out] = await runtime.execute(node, {
			parameters: {
				api: 'serviceowner',
				authentication: 'maskinportenApi',
				resource: 'dialog',
				operation: 'get',
				// As the editor stores it when $json.id is dragged into the ID field.
				dialogId: { __rl: true, mode: 'id', value: '={{ $json.id }}' },
				simplify: false,
				concurrency,
			},
			credentials: { maskinportenApi: credential },
			items: ids.map((id) => ({ json: { id } })),
		});
		if (out.length !== gets) throw new Error(`${out.length} outputs`);
	};
	const floorNode = new N8nRequestFloor();
	const viaFloor = async () => {
		const [out] = await runtime.execute(floorNode, {
			parameters: {
				url: `={{ "${local.urls.dialogporten}/api/v1/serviceowner/dialogs/" + $json.id }}`,
				token,
			},
			items: ids.map((id) => ({ json: { id } })),
		});
		if (out.length !== gets) throw new Error(`${out.length} outputs`);
	};
	const seconds = async (run: () => Promise<void>) => {
		const started = performance.now();
		await run();
		return (performance.now() - started) / 1000;
	};

	// One warm-up of each, then the best of `rounds`, alternating so both see the same machine.
	await bareFetch();
	await viaFloor();
	await viaNode(1);
	const fetchSamples: number[] = [];
	const floorSamples: number[] = [];
	const nodeSamples: Record<number, number[]> = {};
	for (let round = 0; round < rounds; round++) {
		fetchSamples.push(await seconds(bareFetch));
		floorSamples.push(await seconds(viaFloor));
		for (const concurrency of concurrencies)
			(nodeSamples[concurrency] ??= []).push(await seconds(() => viaNode(concurrency)));
	}
	const best = (samples: number[]) => Math.min(...samples);
	return {
		gets,
		fetchSeconds: best(fetchSamples),
		floorSeconds: best(floorSamples),
		nodeSeconds: Object.fromEntries(
			Object.entries(nodeSamples).map(([concurrency, samples]) => [concurrency, best(samples)]),
		),
	};
}

async function main(): Promise<void> {
	const local = await startAltinnLocal({
		port: 0,
		seedDialogs: GETS * 2,
		validateSpec: false,
		quiet: true,
		// Tokens outlive the run, so that the fetch loop's token stays valid as the node's does.
		tokenLifetimeSeconds: { maskinporten: 3600 },
	});
	try {
		const figures = await measurePerItem(local, [1, 4, 8]);
		console.log(`bare fetch loop, ${figures.gets} gets: ${figures.fetchSeconds.toFixed(2)} s`);
		console.log(
			`n8n's floor (expression + request helper): ${figures.floorSeconds.toFixed(2)} s (floor ÷ fetch ${(figures.floorSeconds / figures.fetchSeconds).toFixed(2)})`,
		);
		for (const [concurrency, s] of Object.entries(figures.nodeSeconds))
			console.log(
				`node, concurrency ${concurrency}: ${s.toFixed(2)} s (node ÷ fetch ${(s / figures.fetchSeconds).toFixed(2)}, node ÷ floor ${(s / figures.floorSeconds).toFixed(2)})`,
			);
	} finally {
		await local.stop();
	}
}

if (require.main === module) {
	main().catch((error) => {
		console.error(error);
		process.exit(1);
	});
}
