// Starting and stopping the stand-in: random ports, clean stop, the command-line entry point.
import { spawn } from 'node:child_process';
import path from 'node:path';
import { serviceOwnerToken, start } from './support';

it('binds to 127.0.0.1 on a random port when asked for port 0, several at once', async () => {
	const [a, b] = await Promise.all([start({ seedDialogs: 0 }), start({ seedDialogs: 0 })]);
	try {
		expect(a.baseUrl).toMatch(/^http:\/\/127\.0\.0\.1:\d+$/);
		expect(a.baseUrl).not.toBe(b.baseUrl);
		expect(a.urls).toMatchObject({
			maskinporten: {
				issuer: `${a.baseUrl}/maskinporten/`,
				token: `${a.baseUrl}/maskinporten/token`,
			},
			platform: `${a.baseUrl}/platform`,
			dialogporten: `${a.baseUrl}/dialogporten`,
			events: `${a.baseUrl}/events/api/v1`,
		});
		expect((await fetch(`${a.baseUrl}/admin/health`)).status).toBe(200);
	} finally {
		await Promise.all([a.stop(), b.stop()]);
	}
});

it('serves Dialogporten and Events under /platform as well', async () => {
	const local = await start({ seedDialogs: 0 });
	try {
		expect((await fetch(`${local.urls.platform}/dialogporten/api/v1/metadata/limits`)).status).toBe(
			200,
		);
		expect((await fetch(`${local.urls.platform}/events/api/v1/subscriptions`)).status).toBe(401);
	} finally {
		await local.stop();
	}
});

it('stops cleanly, also with a hanging request open', async () => {
	const local = await start({ seedDialogs: 0 });
	local.faults.set({ kind: 'hang' });
	const pending = fetch(`${local.urls.dialogporten}/api/v1/metadata/limits`).catch((e: Error) => e);
	await new Promise((r) => setTimeout(r, 50));
	await local.stop();
	expect(await pending).toHaveProperty('message', 'fetch failed');
	await expect(fetch(`${local.baseUrl}/admin/health`)).rejects.toThrow();
	await local.stop();
});

it('seeds the requested number of dialogs, from the option or the environment', async () => {
	const local = await start({ seedDialogs: 123 });
	try {
		expect(local.dialogs.count()).toBe(123);
	} finally {
		await local.stop();
	}
	process.env.ALTINN_LOCAL_SEED_DIALOGS = '7';
	try {
		const fromEnv = await (await import('../../altinn-local')).startAltinnLocal({ port: 0 });
		expect(fromEnv.dialogs.count()).toBe(7);
		await fromEnv.stop();
	} finally {
		delete process.env.ALTINN_LOCAL_SEED_DIALOGS;
	}
});

it('`npm run altinn-local` prints one JSON line with the URLs when ready, on ALTINN_LOCAL_PORT', async () => {
	const root = path.resolve(__dirname, '../..');
	const child = spawn(path.join(root, 'node_modules/.bin/tsx'), ['altinn-local/main.ts'], {
		cwd: root,
		env: { ...process.env, ALTINN_LOCAL_PORT: '0', ALTINN_LOCAL_SEED_DIALOGS: '3' },
		stdio: ['ignore', 'pipe', 'pipe'],
	});
	try {
		const line = await new Promise<string>((resolve, reject) => {
			let out = '';
			child.stdout.on('data', (c: Buffer) => {
				out += c.toString();
				if (out.includes('\n')) resolve(out);
			});
			child.on('exit', (code) => reject(new Error(`exited ${code}`)));
		});
		const lines = line.trim().split('\n');
		expect(lines).toHaveLength(1);
		const urls = JSON.parse(lines[0]);
		expect(urls).toMatchObject({
			ready: true,
			dialogporten: `${urls.baseUrl}/dialogporten`,
			maskinporten: { issuer: `${urls.baseUrl}/maskinporten/` },
		});
		const health = (await (await fetch(`${urls.baseUrl}/admin/health`)).json()) as {
			dialogs: number;
		};
		expect(health.dialogs).toBe(3);
	} finally {
		const exited = new Promise((r) => child.on('exit', r));
		child.kill('SIGTERM');
		await exited;
	}
}, 30_000);

it('lists the fixture identities on /admin/fixtures for filling in credentials', async () => {
	const local = await start({ seedDialogs: 0 });
	try {
		const body = (await (await fetch(`${local.urls.admin}/fixtures`)).json()) as {
			maskinportenClients: Array<{
				clientId: string;
				keys: Array<{ kid: string; privateJwk: string }>;
			}>;
		};
		const so = body.maskinportenClients.find(
			(c) => c.clientId === local.fixtures.serviceOwnerClient.clientId,
		)!;
		expect(so.keys).toHaveLength(1);
		expect(JSON.parse(so.keys[0].privateJwk)).toMatchObject({ kty: 'RSA', kid: so.keys[0].kid });
	} finally {
		await local.stop();
	}
});

it('points each stand-in’s seed dialogs at its own correspondence system, with several running at once', async () => {
	const [a, b] = await Promise.all([start({ seedDialogs: 5 }), start({ seedDialogs: 5 })]);
	try {
		for (const local of [a, b]) {
			const token = await serviceOwnerToken(local);
			const search = await fetch(`${local.urls.dialogporten}/api/v1/serviceowner/dialogs?limit=1`, {
				headers: { authorization: `Bearer ${token}` },
			});
			const { items } = (await search.json()) as { items: Array<{ id: string }> };
			const urls = local.dialogs
				.get(items[0].id)!
				.details.apiActions.flatMap((action) => action.endpoints.map((endpoint) => endpoint.url));
			expect(urls.length).toBeGreaterThan(0);
			for (const url of urls)
				expect(url.startsWith(`${local.urls.platform}/correspondence/`)).toBe(true);
		}
	} finally {
		await Promise.all([a.stop(), b.stop()]);
	}
});
