// Peak resident memory of one Dialogporten node run, Search with Return All over every dialog of a
// stand-in running in another process (bench/index.ts starts it and passes its URLs). Prints one
// JSON line: the items read and the process's peak RSS before and after the run, in MB.
import { IdPortenOAuth2Api } from '../credentials/IdPortenOAuth2Api.credentials';
import { MaskinportenApi } from '../credentials/MaskinportenApi.credentials';
import { Dialogporten } from '../nodes/Dialogporten/Dialogporten.node.js';
import { maskinportenCredential, type LocalAltinnUrls } from '../test/support/credentials';
import { N8nRuntime } from '../test/support/n8n-runtime';

async function main(): Promise<void> {
	const local = JSON.parse(process.env.BENCH_ALTINN_LOCAL ?? '') as LocalAltinnUrls;
	const cap = Number(process.env.BENCH_RSS_DIALOGS ?? 100_000);
	const runtime = new N8nRuntime({ credentials: [MaskinportenApi, IdPortenOAuth2Api] });
	const credential = runtime.addCredential(
		'maskinportenApi',
		maskinportenCredential(local, 'serviceOwner'),
		'so',
	);
	const before = process.resourceUsage().maxRSS / 1024;
	const [items] = await runtime.execute(new Dialogporten(), {
		parameters: {
			api: 'serviceowner',
			authentication: 'maskinportenApi',
			resource: 'dialog',
			operation: 'search',
			returnAll: true,
			returnAllCap: cap,
			simplify: false,
			options: { pageSize: 1000 },
		},
		credentials: { maskinportenApi: credential },
	});
	const after = process.resourceUsage().maxRSS / 1024;
	console.log(JSON.stringify({ items: items.length, rssBeforeMb: before, peakRssMb: after }));
}

main().catch((error) => {
	console.error(error);
	process.exit(1);
});
