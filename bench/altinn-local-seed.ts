// Seeding time and search latency of the local Altinn stand-in with 100 000 dialogs (or
// BENCH_DIALOGS). Run: npx tsx bench/altinn-local-seed.ts. Prints figures; asserts nothing.
import { fixtures, startAltinnLocal } from '../altinn-local';

const COUNT = Number(process.env.BENCH_DIALOGS ?? 100_000);
const ROUNDS = Number(process.env.BENCH_ROUNDS ?? 20);

function stats(samples: number[]): string {
	const sorted = [...samples].sort((a, b) => a - b);
	const p = (q: number) =>
		sorted[Math.min(sorted.length - 1, Math.floor(q * sorted.length))].toFixed(1);
	return `median ${p(0.5)} ms, p90 ${p(0.9)} ms, max ${sorted[sorted.length - 1].toFixed(1)} ms`;
}

async function main(): Promise<void> {
	const heapBefore = process.memoryUsage().heapUsed;
	const started = performance.now();
	const local = await startAltinnLocal({ port: 0, seedDialogs: COUNT, validateSpec: false });
	const startup = performance.now() - started;
	const heap = (process.memoryUsage().heapUsed - heapBefore) / 1024 / 1024;
	console.log(
		`start with ${local.dialogs.count()} seeded dialogs: ${startup.toFixed(0)} ms (heap +${heap.toFixed(0)} MB)`,
	);

	const so = (
		await local.tokens.maskinporten(fixtures.serviceOwnerClient, {
			scope: 'digdir:dialogporten.serviceprovider digdir:dialogporten.serviceprovider.search',
		})
	).access_token;
	const person = (await local.idporten.login({ pid: fixtures.persons.ola.pid })).access_token;
	const bakery = `urn:altinn:organization:identifier-no:${fixtures.organizations.bakery.orgNumber}`;

	async function measure(
		name: string,
		token: string,
		path: (i: number) => string | Promise<string>,
	) {
		const samples: number[] = [];
		let items = 0;
		for (let i = 0; i < ROUNDS; i++) {
			const url = `${local.urls.dialogporten}${await path(i)}`;
			const t = performance.now();
			const res = await fetch(url, { headers: { authorization: `Bearer ${token}` } });
			const body = (await res.json()) as { items?: unknown[] };
			samples.push(performance.now() - t);
			if (res.status !== 200) throw new Error(`${name}: HTTP ${res.status}`);
			items = body.items?.length ?? 1;
		}
		console.log(`${name.padEnd(58)} ${stats(samples)} (${items} items)`);
	}

	await measure(
		'SO search, default order, limit 100 (first call sorts)',
		so,
		() => '/api/v1/serviceowner/dialogs?limit=100',
	);
	await measure(
		'SO search, default order, limit 1000',
		so,
		() => '/api/v1/serviceowner/dialogs?limit=1000',
	);
	await measure(
		'SO search, orderBy=updatedAt_asc, limit 100',
		so,
		() => '/api/v1/serviceowner/dialogs?limit=100&orderBy=updatedAt_asc',
	);
	await measure(
		'SO search, one party + status filter',
		so,
		() => `/api/v1/serviceowner/dialogs?party=${encodeURIComponent(bakery)}&status=InProgress`,
	);
	let token: string | undefined;
	await measure('SO search, following continuationToken (limit 100)', so, async () => {
		const path = `/api/v1/serviceowner/dialogs?limit=100${token ? `&continuationToken=${encodeURIComponent(token)}` : ''}`;
		const res = await fetch(`${local.urls.dialogporten}${path}`, {
			headers: { authorization: `Bearer ${so}` },
		});
		token = ((await res.json()) as { continuationToken?: string }).continuationToken;
		return path;
	});
	await measure(
		'SO search, free text (no narrowing filter)',
		so,
		(i) => `/api/v1/serviceowner/dialogs?search=${encodeURIComponent(`nr. ${1000 + i}`)}`,
	);
	await measure(
		'EU search (person, 2 parties), limit 100',
		person,
		() => '/api/v1/enduser/dialogs?limit=100',
	);
	await measure(
		'EU search (person), contentUpdatedAfter 30 days',
		person,
		() =>
			`/api/v1/enduser/dialogs?contentUpdatedAfter=${new Date(Date.now() - 30 * 86400_000).toISOString()}`,
	);
	const ids = (await (
		await fetch(`${local.urls.dialogporten}/api/v1/enduser/dialogs?limit=${ROUNDS}`, {
			headers: { authorization: `Bearer ${person}` },
		})
	).json()) as { items: Array<{ id: string }> };
	await measure(
		'EU get dialog (details + dialog token)',
		person,
		(i) => `/api/v1/enduser/dialogs/${ids.items[i % ids.items.length].id}`,
	);
	await local.stop();
}

main().catch((e) => {
	console.error(e);
	process.exit(1);
});
