// `npm run bench`: what the package costs against the physical limit, side by side in one run on
// loopback against the stand-in, as one table; written with the machine and versions to
// bench/RESULTS.md. Ratios compare the node on n8n's execution engine (n8n-core, in process) with a
// bare `fetch` loop doing the same requests with the same token, and with n8n's floor (the least
// any n8n node spends on the same requests). The Events rows run a real n8n (events-push.ts).
// Asserts nothing.
// Run: npm run bench   (builds dist/ first; BENCH_EVENTS=0 leaves out the real-n8n rows)
import { execFileSync, spawn, spawnSync } from 'node:child_process';
import { readFileSync, writeFileSync } from 'node:fs';
import { cpus, loadavg, totalmem, type as osType, release } from 'node:os';
import path from 'node:path';

import { startAltinnLocal, type AltinnLocal } from '../altinn-local';
import { IdPortenOAuth2Api } from '../credentials/IdPortenOAuth2Api.credentials';
import { MaskinportenApi } from '../credentials/MaskinportenApi.credentials';
import { TokenService, setTokenService } from '../nodes/Dialogporten/auth';
import { Dialogporten } from '../nodes/Dialogporten/Dialogporten.node.js';
import { maskinportenCredential } from '../test/support/credentials';
import { N8nRuntime } from '../test/support/n8n-runtime';
import type { EventsPushFigures } from './events-push';
import { bareToken, measurePerItem } from './per-item';

const root = path.resolve(__dirname, '..');
const ROUNDS = Number(process.env.BENCH_ROUNDS ?? 3);
const RETURN_ALL = 10_000;
/** How many dialogs to seed for `ttd` to own `count`: the stand-in gives every 20th to another owner. */
const seededFor = (count: number) => Math.floor((count * 20) / 19);
const RSS_DIALOGS = Number(process.env.BENCH_RSS_DIALOGS ?? 100_000);
const CONCURRENCIES = [1, 4, 8];

interface Row {
	what: string;
	figure: string;
	target: string;
}

const seconds = async (run: () => Promise<unknown>) => {
	const started = performance.now();
	await run();
	return (performance.now() - started) / 1000;
};
const ratio = (a: number, b: number) => (a / b).toFixed(2);

async function grants(local: AltinnLocal): Promise<Row> {
	setTokenService(new TokenService());
	const runtime = new N8nRuntime({ credentials: [MaskinportenApi, IdPortenOAuth2Api] });
	const systemUser = runtime.addCredential(
		'maskinportenApi',
		maskinportenCredential(local, 'systemUser'),
		'su',
	);
	const before = local.stats.maskinportenGrants();
	for (let execution = 0; execution < 20; execution++) {
		await runtime.execute(new Dialogporten(), {
			parameters: {
				api: 'enduser',
				authentication: 'maskinportenApi',
				resource: 'party',
				operation: 'getMany',
			},
			credentials: { maskinportenApi: systemUser },
			items: Array.from({ length: 100 }, (_, n) => ({ json: { n } })),
		});
	}
	const count = local.stats.maskinportenGrants() - before;
	return {
		what: 'Maskinporten grants, 20 executions × 100 items (one credential)',
		figure: `${count}`,
		target: '≤ 1',
	};
}

async function returnAll(local: AltinnLocal): Promise<Row[]> {
	const runtime = new N8nRuntime({ credentials: [MaskinportenApi, IdPortenOAuth2Api] });
	const credential = runtime.addCredential(
		'maskinportenApi',
		maskinportenCredential(local, 'serviceOwner'),
		'so',
	);
	const path = '/dialogporten/api/v1/serviceowner/dialogs';
	let requests = 0;
	let dialogs = 0;
	const viaNode = async () => {
		const before = local.stats.requests(path);
		const [items] = await runtime.execute(new Dialogporten(), {
			parameters: {
				api: 'serviceowner',
				authentication: 'maskinportenApi',
				resource: 'dialog',
				operation: 'search',
				returnAll: true,
				simplify: false,
				options: { pageSize: 1000 },
			},
			credentials: { maskinportenApi: credential },
		});
		requests = local.stats.requests(path) - before;
		dialogs = items.length;
		if (items.length < RETURN_ALL) throw new Error(`Return All read ${items.length}`);
	};
	await viaNode();
	const token = await bareToken(local);
	const bareFetch = async () => {
		let count = 0;
		let continuationToken: string | undefined;
		do {
			const url = new URL(`${local.urls.dialogporten}/api/v1/serviceowner/dialogs`);
			url.searchParams.set('limit', '1000');
			if (continuationToken) url.searchParams.set('continuationToken', continuationToken);
			const response = await fetch(url, {
				headers: { authorization: `Bearer ${token}`, accept: 'application/json' },
			});
			const page = (await response.json()) as {
				items: unknown[];
				hasNextPage: boolean;
				continuationToken?: string;
			};
			count += page.items.length;
			continuationToken = page.hasNextPage ? page.continuationToken : undefined;
		} while (continuationToken);
		if (count !== dialogs) throw new Error(`fetch read ${count}, the node ${dialogs}`);
	};
	await bareFetch();
	const nodeSamples: number[] = [];
	const fetchSamples: number[] = [];
	for (let round = 0; round < ROUNDS; round++) {
		fetchSamples.push(await seconds(bareFetch));
		nodeSamples.push(await seconds(viaNode));
	}
	const node = Math.min(...nodeSamples);
	const bare = Math.min(...fetchSamples);
	return [
		{
			what: `Requests for Return All of ${dialogs.toLocaleString('en')} dialogs (page size 1 000)`,
			figure: `${requests}`,
			target: '≤ 10',
		},
		{
			what: `Return All of ${dialogs.toLocaleString('en')}: node ÷ fetch over the same pages`,
			figure: `**${ratio(node, bare)}** (${node.toFixed(2)} s ÷ ${bare.toFixed(2)} s)`,
			target: '≤ 1.15',
		},
	];
}

async function perItem(local: AltinnLocal): Promise<Row[]> {
	const figures = await measurePerItem(local, CONCURRENCIES, 1000, ROUNDS);
	const floor = figures.floorSeconds;
	return [
		...CONCURRENCIES.map((concurrency) => {
			const node = figures.nodeSeconds[concurrency];
			return {
				what: `1 000 dialog gets, concurrency ${concurrency}: node ÷ sequential fetch`,
				figure: `**${ratio(node, figures.fetchSeconds)}** (${node.toFixed(2)} s ÷ ${figures.fetchSeconds.toFixed(2)} s); node ÷ n8n's floor ${ratio(node, floor)}`,
				target: concurrency === 1 ? '≤ 1.2' : '',
			};
		}),
		{
			what: "1 000 dialog gets by n8n's floor (an expression and n8n's request helper per item, bench/n8n-request-floor.ts) ÷ sequential fetch",
			figure: `${ratio(floor, figures.fetchSeconds)} (${floor.toFixed(2)} s)`,
			target: '',
		},
	];
}

/** Runs a bench script of this folder in a child process; its last stdout line is its figures as JSON. */
async function lastJsonLineOf<T>(script: string, env: Record<string, string>): Promise<T> {
	const child = spawn(
		path.join(root, 'node_modules', '.bin', 'tsx'),
		[path.join(__dirname, script)],
		{
			cwd: root,
			env: { ...process.env, ...env },
			stdio: ['ignore', 'pipe', 'inherit'],
		},
	);
	let output = '';
	child.stdout.on('data', (chunk: Buffer) => (output += chunk.toString('utf8')));
	const code = await new Promise<number | null>((resolve) => child.on('close', resolve));
	if (code !== 0) throw new Error(`${script} exited with ${code}`);
	return JSON.parse(output.trim().split('\n').pop() ?? '{}') as T;
}

/** Runs bench/events-push.ts in a real n8n, once per set of n8n settings. */
async function eventsPush(): Promise<Row[]> {
	const runs: Array<{ label: string; env: Record<string, string> }> = [
		{ label: "n8n's defaults", env: {} },
		{ label: 'N8N_EXPRESSION_ENGINE=legacy', env: { N8N_EXPRESSION_ENGINE: 'legacy' } },
	];
	const rows: Row[] = [];
	for (const run of runs) {
		const f = await lastJsonLineOf<EventsPushFigures>('events-push.ts', {
			BENCH_EVENTS_N8N_ENV: JSON.stringify(run.env),
		});
		rows.push({
			what: `Events: pushes/s accepted by the Dialogporten Trigger (Altinn Events) ÷ a bare Webhook node, one real n8n ${f.n8nVersion} (${run.label}; ${f.pushes} pushes × ${f.rounds} rounds, ${f.concurrency} in flight)`,
			figure: `**${f.ratio.toFixed(2)}** (${f.trigger.perSecond.toFixed(1)}/s, p50 ${f.trigger.p50Ms.toFixed(0)} ms, p99 ${f.trigger.p99Ms.toFixed(0)} ms ÷ ${f.webhook.perSecond.toFixed(1)}/s, p50 ${f.webhook.p50Ms.toFixed(0)} ms, p99 ${f.webhook.p99Ms.toFixed(0)} ms)`,
			target: '≥ 0.8',
		});
	}
	return rows;
}

function footprint(): Row[] {
	const pkg = JSON.parse(readFileSync(path.join(root, 'package.json'), 'utf8')) as {
		dependencies?: Record<string, string>;
		n8n: { nodes: string[]; credentials: string[] };
	};
	const [packed] = JSON.parse(
		execFileSync('npm', ['pack', '--dry-run', '--json', '--ignore-scripts'], {
			cwd: root,
			encoding: 'utf8',
		}),
	) as Array<{ size: number; unpackedSize: number; files: unknown[] }>;
	const rows: Row[] = [
		{
			what: 'Runtime dependencies',
			figure: `${Object.keys(pkg.dependencies ?? {}).length}`,
			target: '0',
		},
		{
			what: 'Packed size (npm pack)',
			figure: `${(packed.size / 1024).toFixed(0)} kB (${(packed.unpackedSize / 1024).toFixed(0)} kB unpacked, ${packed.files.length} files)`,
			target: '',
		},
	];
	// Each file in a fresh process with n8n-workflow already loaded, as n8n has it.
	const script =
		"require('n8n-workflow'); const t = process.hrtime.bigint(); require(process.argv[1]); process.stdout.write(String(Number(process.hrtime.bigint() - t) / 1e6));";
	const times = [...pkg.n8n.nodes, ...pkg.n8n.credentials].map((file) => {
		const samples = Array.from({ length: 5 }, () => {
			const child = spawnSync(process.execPath, ['-e', script, path.join(root, file)], {
				cwd: root,
				encoding: 'utf8',
			});
			if (child.status !== 0) throw new Error(`${file}: ${child.stderr}`);
			return Number(child.stdout);
		});
		return { file: path.basename(file, '.js'), ms: Math.min(...samples) };
	});
	rows.push({
		what: 'Time to load each built node and credential',
		figure: times.map((t) => `${t.file} ${t.ms.toFixed(1)} ms`).join(', '),
		target: '< 50 ms each',
	});
	return rows;
}

async function peakRss(): Promise<Row> {
	const local = await startAltinnLocal({
		port: 0,
		seedDialogs: seededFor(RSS_DIALOGS),
		validateSpec: false,
		quiet: true,
		// Tokens outlive the run, so that the fetch loop's token stays valid as the node's does.
		tokenLifetimeSeconds: { maskinporten: 3600 },
	});
	try {
		// A child process, so that its peak RSS is the node's and not the stand-in's.
		const result = await lastJsonLineOf<{
			items: number;
			rssBeforeMb: number;
			peakRssMb: number;
		}>('return-all-rss.ts', {
			BENCH_ALTINN_LOCAL: JSON.stringify({ urls: local.urls }),
			BENCH_RSS_DIALOGS: String(seededFor(RSS_DIALOGS)),
		});
		return {
			what: `Peak RSS of Return All over ${result.items.toLocaleString('en')} dialogs (node process)`,
			figure: `${result.peakRssMb.toFixed(0)} MB (${result.rssBeforeMb.toFixed(0)} MB before the run)`,
			target: '',
		};
	} finally {
		await local.stop();
	}
}

async function main(): Promise<void> {
	const load = loadavg()[0];
	const rows: Row[] = [];
	const local = await startAltinnLocal({
		port: 0,
		seedDialogs: seededFor(RETURN_ALL),
		validateSpec: false,
		quiet: true,
		// Tokens outlive the run, so that the fetch loop's token stays valid as the node's does.
		tokenLifetimeSeconds: { maskinporten: 3600 },
	});
	try {
		rows.push(await grants(local));
		rows.push(...(await returnAll(local)));
		rows.push(...(await perItem(local)));
	} finally {
		await local.stop();
	}
	if (process.env.BENCH_EVENTS !== '0') rows.push(...(await eventsPush()));
	rows.push(...footprint());
	rows.push(await peakRss());
	print(rows, load);
}

function print(rows: Row[], load: number): void {
	const versions = (name: string) =>
		(
			JSON.parse(readFileSync(path.join(root, 'node_modules', name, 'package.json'), 'utf8')) as {
				version: string;
			}
		).version;
	const pkg = JSON.parse(readFileSync(path.join(root, 'package.json'), 'utf8')) as {
		version: string;
	};
	const table = [
		'| What | Figure | Target |',
		'| --- | --- | --- |',
		...rows.map((r) => `| ${r.what} | ${r.figure} | ${r.target} |`),
	].join('\n');
	const machine = [
		`- Machine: ${cpus().length} × ${cpus()[0]?.model ?? 'unknown CPU'}, ${(totalmem() / 2 ** 30).toFixed(1)} GiB, ${osType()} ${release()}`,
		`- Load average (1 min) at the start: ${load.toFixed(2)}`,
		`- Node.js ${process.version}; n8n-core ${versions('n8n-core')}, n8n-workflow ${versions('n8n-workflow')} (the in-process engine); n8n-nodes-dialogporten ${pkg.version}`,
		`- Rounds per figure: ${ROUNDS} (the best is shown), node and fetch alternating; loopback against the stand-in in the same process`,
		`- Date: ${new Date().toISOString().slice(0, 16).replace('T', ' ')} UTC`,
	].join('\n');
	console.log(`\n${table}\n\n${machine}`);
	const results = path.join(__dirname, 'RESULTS.md');
	writeFileSync(
		results,
		`# Benchmark results\n\nWritten by \`npm run bench\` (bench/index.ts); the README's figures come from here.\n\n${table}\n\n${machine}\n`,
	);
	// Formatted as `npm run lint` checks every file.
	execFileSync(path.join(root, 'node_modules', '.bin', 'prettier'), ['--write', results]);
}

main().catch((error) => {
	console.error(error);
	process.exit(1);
});
